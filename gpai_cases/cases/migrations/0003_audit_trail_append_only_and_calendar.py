"""The audit trail is append-only in the database too (PostgreSQL trigger), and the holiday
calendar starts with the default pattern of DOMAIN.md for 2024-2032 (admins edit it per year)."""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION cases_caseevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: %% refused on cases_caseevent.', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseevent_append_only
    BEFORE UPDATE OR DELETE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_caseevent_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_caseevent_append_only();
"""


def audit_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)


def drop_audit_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)


def seed_calendar(apps, schema_editor):
    from gpai_cases.cases.deadlines import default_holidays

    CalendarYear = apps.get_model("cases", "CalendarYear")
    PublicHoliday = apps.get_model("cases", "PublicHoliday")
    for year in range(2024, 2033):
        calendar_year, created = CalendarYear.objects.get_or_create(
            year=year, defaults={"note": "Default pattern"}
        )
        if created:
            PublicHoliday.objects.bulk_create(
                PublicHoliday(calendar_year=calendar_year, date=day, name=name)
                for day, name in default_holidays(year)
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [
        migrations.RunPython(audit_trigger, drop_audit_trigger),
        migrations.RunPython(seed_calendar, migrations.RunPython.noop),
    ]
