"""The rules behind computed dates become data (a code with parameters, rendered in the
reader's language): each stored English sentence is read back into its rule when the rule renders
to the very same sentence, and kept as words otherwise (gpai_cases.cases.ruleparse)."""

from django.db import migrations, models

import importlib

import gpai_cases.cases.rulefield
from gpai_cases.cases.ruleconvert import rules_to_words, words_to_rules

# the append-only tables refuse updates on PostgreSQL: lifted for the conversion, then restored
_seed = importlib.import_module(
    "gpai_cases.obligations.migrations.0002_seed_kinds_periods_and_code_of_practice"
)

FIELDS = [('FrameworkReview', 'due_rule'), ('SeriousIncident', 'initial_due_rule'), ('SeriousIncident', 'next_due_rule'), ('IncidentReport', 'due_rule'), ('ModelReport', 'due_rule')]


def forwards(apps, schema_editor):
    words_to_rules(apps, "obligations", FIELDS)


def backwards(apps, schema_editor):
    rules_to_words(apps, "obligations", FIELDS)


class Migration(migrations.Migration):
    # PostgreSQL refuses to alter a table with updates pending in the same transaction: the
    # conversion commits on its own (RunPython is atomic) before the old column is dropped.
    atomic = False

    dependencies = [("obligations", "0002_seed_kinds_periods_and_code_of_practice")]

    operations = [
        migrations.RunPython(_seed.drop_triggers, _seed.triggers),
        migrations.AddField("frameworkreview", "due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("seriousincident", "initial_due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("seriousincident", "next_due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("incidentreport", "due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("modelreport", "due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(_seed.triggers, _seed.drop_triggers),
        migrations.AlterField(
            "frameworkreview", "due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("frameworkreview", "due_rule"),
        migrations.RenameField("frameworkreview", "due_rule_data", "due_rule"),
        migrations.AlterField(
            "seriousincident", "initial_due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("seriousincident", "initial_due_rule"),
        migrations.RenameField("seriousincident", "initial_due_rule_data", "initial_due_rule"),
        migrations.AlterField(
            "seriousincident", "next_due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("seriousincident", "next_due_rule"),
        migrations.RenameField("seriousincident", "next_due_rule_data", "next_due_rule"),
        migrations.AlterField(
            "incidentreport", "due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("incidentreport", "due_rule"),
        migrations.RenameField("incidentreport", "due_rule_data", "due_rule"),
        migrations.AlterField(
            "modelreport", "due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("modelreport", "due_rule"),
        migrations.RenameField("modelreport", "due_rule_data", "due_rule"),
    ]
