"""The change history of reference data, kept by django-auditlog: who changed what, when, with
the old and the new value of each field (as JSON), whatever door the change came through — the
admin, the portal, the workspace or the API. Registered here, by label, for the records that are
not a case's own (a case's own changes are in its audit trail): users and their roles,
memberships, providers, models, public wording, the letters' wording and settings, the holiday calendar, API tokens.

The actor comes from the request (``AuditlogMiddleware``); services that a token-authenticated
API call reaches name it themselves (``auditlog.context.set_actor``). Admins read every history
in the admin (auditlog's log entries, and a "History" link on each record's page).
"""

from __future__ import annotations

from django.apps import apps

#: label → what to leave out (secrets stay masked or out, bookkeeping stays out).
TRACKED = {
    "accounts.User": {"exclude_fields": ["password", "last_login"]},
    "providers.Membership": {},
    "providers.Provider": {},
    "providers.GPAIModel": {},
    "register.PublicWording": {"exclude_fields": ["updated_at"]},
    "letters.LetterWording": {"exclude_fields": ["updated_at"]},
    "letters.LetterSettings": {},
    "cases.CalendarYear": {},
    "cases.PublicHoliday": {},
    "authtoken.Token": {"mask_fields": ["key"]},
    "otp_totp.TOTPDevice": {
        "exclude_fields": [
            "key",
            "last_t",
            "drift",
            "throttling_failure_timestamp",
            "throttling_failure_count",
            "last_used_at",
        ]
    },
}


def register() -> None:
    from auditlog.registry import auditlog

    for label, options in TRACKED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)
