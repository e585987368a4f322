"""Hearings sent before the rule label "hearing" existed keep "rfi" ("period set in the request for
information") in their due date's rule: their rule now names the hearing letter. Only the label
changes; the dates and the rest of the rule stay as computed."""

from django.db import migrations


def _relabel(apps, old: str, new: str) -> None:
    requests = apps.get_model("cases", "InformationRequest")
    for pk, rule in requests.objects.filter(kind="hearing").values_list("pk", "due_rule").iterator():
        rule = rule.as_json() if hasattr(rule, "as_json") else (rule or {})
        params = rule.get("params") or {}
        if rule.get("code") == "period" and (params.get("label") or {}).get("code") == old:
            relabelled = {**rule, "params": {**params, "label": {**params["label"], "code": new}}}
            requests.objects.filter(pk=pk).update(due_rule=relabelled)


def forwards(apps, schema_editor):
    _relabel(apps, "rfi", "hearing")


def backwards(apps, schema_editor):
    _relabel(apps, "hearing", "rfi")


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_reasoning_draft")]

    operations = [migrations.RunPython(forwards, backwards)]
