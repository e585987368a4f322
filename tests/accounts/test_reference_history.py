"""Reference data has a change history with old and new values (django-auditlog): a role changed
in the admin, a membership, a provider, a model edited in the portal, public wording, holidays
and API tokens — with the actor, whatever the door — and an admin reads every history."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from rest_framework.authtoken.models import Token

from gpai_cases.accounts.models import Role, User
from gpai_cases.cases import services
from gpai_cases.cases.models import CalendarYear, PublicHoliday

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(
        role=Role.ADMIN, email="root@ai-office.example", is_staff=True, is_superuser=True
    )


def _history(obj) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk"))


def test_a_role_change_appears_in_the_users_history_with_old_new_and_actor(
    client, superuser, member_a
):
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[member_a.pk])
    response = client.post(
        url,
        {
            "email": member_a.email,
            "full_name": member_a.full_name,
            "role": Role.CASEWORKER,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=member_a.pk).role == Role.CASEWORKER
    entry = _history(member_a)[-1]
    assert entry.actor == superuser
    assert entry.changes_dict["role"] == ["provider", "caseworker"]
    assert "password" not in entry.changes_dict
    history = client.get(reverse("admin:accounts_user_auditlog", args=[member_a.pk]))
    assert history.status_code == 200 and b"caseworker" in history.content
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200


def test_a_model_edited_in_the_portal_keeps_its_old_and_new_values(client, member_a, model_a):
    client.force_login(member_a)
    client.post(
        reverse("portal:model_edit", args=[model_a.pk]),
        {
            "name": model_a.name,
            "version": model_a.version,
            "modalities": ["text"],
            "training_compute_flop": "3.2e25",
            "parameter_count": "5e11",
            "release_mode": "api",
        },
    )
    entry = _history(model_a)[-1]
    assert entry.actor == member_a
    old, new = entry.changes_dict["parameter_count"]
    assert old.startswith("4000") and new.startswith("5000")


def test_providers_memberships_wording_holidays_and_tokens_have_histories(
    caseworker, member_a, provider_a, designation_a, office_admin
):
    provider = services.provider_create(actor=caseworker, legal_name="Gamma AI", country="DE")
    assert _history(provider)[0].actor == caseworker
    membership = member_a.memberships.get()
    membership.delete()
    assert LogEntry.objects.filter(object_repr__contains="Alpha Labs", action=2).exists()
    from gpai_cases.register import services as register

    wording = register.wording_save(
        actor=office_admin, designation=designation_a, summary="A frontier model."
    )
    assert _history(wording)[-1].actor == office_admin
    year, _ = CalendarYear.objects.get_or_create(year=2031)
    holiday = PublicHoliday.objects.create(
        calendar_year=year, date=datetime.date(2031, 5, 10), name="Europe Day"
    )
    holiday.name = "Schuman Day"
    holiday.save()
    assert _history(holiday)[-1].changes_dict["name"] == ["Europe Day", "Schuman Day"]
    token = Token.objects.create(user=caseworker)
    (created,) = _history(token)
    assert token.key not in str(created.changes_dict)  # the key is masked
