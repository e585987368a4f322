"""The data the obligations start from (``gpai_cases/obligations/seed.py``): the kinds of harm of
serious incidents and their periods, the periods of model reports and of requests for changes
(admins edit them; each value says where it comes from and what could be verified), and a Code of
Practice status for every provider the
former yes/no field ``Provider.code_of_practice_signatory`` marked as a signatory (that field is
removed by providers/0003). On PostgreSQL a trigger keeps the obligations' audit trail
append-only, as cases/0003 does for the cases'."""

from django.db import migrations

CHAPTERS = ("transparency", "copyright", "safety_security")
SEEDED_NOTE = (
    "Recorded from the former yes/no field 'signatory of the GPAI Code of Practice' (migration "
    "obligations 0002). That field did not say which chapters nor when: all three chapters were "
    "recorded as signed, without a date of signature. Record any correction."
)

PG_FORWARD = """
CREATE OR REPLACE FUNCTION obligations_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'This record is append-only: %% refused on %%.', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""
APPEND_ONLY_TABLES = (
    "obligations_obligationevent",
    "obligations_codeofpracticestatus",
    "obligations_frameworkversion",
    "obligations_modelreport",
    "obligations_incidentreport",
    "obligations_obligationfile",
)


def seed(apps, schema_editor):
    from gpai_cases.obligations.seed import ensure

    ensure(apps.get_model("obligations", "IncidentKind"), apps.get_model("obligations", "ObligationPeriod"))
    Provider = apps.get_model("providers", "Provider")
    Status = apps.get_model("obligations", "CodeOfPracticeStatus")
    Status.objects.bulk_create(
        Status(
            provider_id=pk,
            chapter=chapter,
            signatory=True,
            note=SEEDED_NOTE,
            via="migration",
        )
        for pk in Provider.objects.filter(code_of_practice_signatory=True).values_list(
            "pk", flat=True
        )
        for chapter in CHAPTERS
    )


def unseed(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    Status = apps.get_model("obligations", "CodeOfPracticeStatus")
    latest = {}
    for s in Status.objects.order_by("recorded_at", "id"):
        latest[(s.provider_id, s.chapter)] = s
    signatories = {pk for (pk, _c), s in latest.items() if s.signatory}
    Provider.objects.filter(pk__in=signatories).update(code_of_practice_signatory=True)


def triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PG_FORWARD)
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION obligations_append_only();"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS obligations_append_only();")


class Migration(migrations.Migration):
    dependencies = [
        ("obligations", "0001_initial"),
        ("providers", "0002_rulebook_help_texts"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(triggers, drop_triggers),
    ]
