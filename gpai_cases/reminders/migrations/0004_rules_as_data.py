"""The rules behind computed dates become data (a code with parameters, rendered in the
reader's language): each stored English sentence is read back into its rule when the rule renders
to the very same sentence, and kept as words otherwise (gpai_cases.cases.ruleparse)."""

from django.db import migrations, models

import gpai_cases.cases.rulefield

FIELDS = [('InboxMessage', 'due_rule')]


def forwards(apps, schema_editor):
    from gpai_cases.cases.ruleparse import parse

    for model_name, field in FIELDS:
        model = apps.get_model("reminders", model_name)
        for pk, words in model.objects.values_list("pk", field).iterator():
            rule = parse(words or "")
            model.objects.filter(pk=pk).update(**{field + "_data": rule.as_json()})


def backwards(apps, schema_editor):
    from gpai_cases.cases.rulecodes import Rule

    fields = list(FIELDS)
    for model_name, field in fields:
        model = apps.get_model("reminders", model_name)
        for pk, data in model.objects.values_list("pk", field + "_data").iterator():
            words = Rule.from_json(data).render("en")[:400]
            model.objects.filter(pk=pk).update(**{field: words})


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
