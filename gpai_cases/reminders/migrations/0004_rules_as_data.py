"""The rules behind computed dates become data (a code with parameters, rendered in the
reader's language): each stored English sentence is read back into its rule when the rule renders
to the very same sentence, and kept as words otherwise (gpai_cases.cases.ruleparse)."""

from django.db import migrations, models

import gpai_cases.cases.rulefield
from gpai_cases.cases.ruleconvert import rules_to_words, words_to_rules

FIELDS = [('InboxMessage', 'due_rule')]


def forwards(apps, schema_editor):
    words_to_rules(apps, "reminders", FIELDS)


def backwards(apps, schema_editor):
    rules_to_words(apps, "reminders", FIELDS)


class Migration(migrations.Migration):
    # PostgreSQL refuses to alter a table with updates pending in the same transaction: the
    # conversion commits on its own (RunPython is atomic) before the old column is dropped.
    atomic = False

    dependencies = [("reminders", "0003_obligations")]

    operations = [
        migrations.AddField("inboxmessage", "due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            "inboxmessage", "due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("inboxmessage", "due_rule"),
        migrations.RenameField("inboxmessage", "due_rule_data", "due_rule"),
    ]
