"""The rules behind computed dates become data (a code with parameters, rendered in the
reader's language): each stored English sentence is read back into its rule when the rule renders
to the very same sentence, and kept as words otherwise (gpai_cases.cases.ruleparse)."""

from django.db import migrations, models

import gpai_cases.cases.rulefield
from gpai_cases.cases.ruleconvert import rules_to_words, words_to_rules

FIELDS = [('Notification', 'notification_due_rule'), ('Designation', 'reassessment_rule'), ('InformationRequest', 'due_rule'), ('RequestExtension', 'new_due_rule')]


def forwards(apps, schema_editor):
    words_to_rules(apps, "cases", FIELDS)
    stops = apps.get_model("cases", "ClockStop")
    for stop in stops.objects.select_related("information_request").iterator():
        request = stop.information_request
        if request is not None:
            data = {"code": "stop", "params": {"kind": request.kind, "day": request.sent_on.isoformat()}}
        else:
            data = {"code": "text", "params": {"text": stop.reason}}
        stops.objects.filter(pk=stop.pk).update(reason_data=data)


def backwards(apps, schema_editor):
    rules_to_words(apps, "cases", [*FIELDS, ("ClockStop", "reason")])


class Migration(migrations.Migration):
    # PostgreSQL refuses to alter a table with updates pending in the same transaction: the
    # conversion commits on its own (RunPython is atomic) before the old column is dropped.
    atomic = False

    dependencies = [("cases", "0009_confidentiality_claims")]

    operations = [
        migrations.AddField("notification", "notification_due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("designation", "reassessment_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("informationrequest", "due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("requestextension", "new_due_rule_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.AddField("clockstop", "reason_data", gpai_cases.cases.rulefield.RuleField()),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            "notification", "notification_due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("notification", "notification_due_rule"),
        migrations.RenameField("notification", "notification_due_rule_data", "notification_due_rule"),
        migrations.AlterField(
            "designation", "reassessment_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("designation", "reassessment_rule"),
        migrations.RenameField("designation", "reassessment_rule_data", "reassessment_rule"),
        migrations.AlterField(
            "informationrequest", "due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("informationrequest", "due_rule"),
        migrations.RenameField("informationrequest", "due_rule_data", "due_rule"),
        migrations.AlterField(
            "requestextension", "new_due_rule", models.CharField(max_length=400, blank=True, default="")
        ),
        migrations.RemoveField("requestextension", "new_due_rule"),
        migrations.RenameField("requestextension", "new_due_rule_data", "new_due_rule"),
        migrations.AlterField(
            "clockstop", "reason", models.CharField(max_length=300, blank=True, default="")
        ),
        migrations.RemoveField("clockstop", "reason"),
        migrations.RenameField("clockstop", "reason_data", "reason"),
    ]
