"""The letters' legal wording is data with its source, edited in the admin with a history; the
next letter quotes the new wording. The signatory configuration is one row."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from gpai_cases.accounts.models import Role
from gpai_cases.letters.models import LetterSettings, LetterWording
from gpai_cases.letters.wording import wording
from gpai_cases.letters.wording_data import DEFAULT_WORDING

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(
        role=Role.ADMIN, email="root@ai-office.example", is_staff=True, is_superuser=True
    )


def test_every_statement_is_loaded_with_its_source():
    rows = {row.key: row for row in LetterWording.objects.filter(language="en")}
    assert set(rows) == set(DEFAULT_WORDING)
    assert "Article 263" in rows["redress"].text and "Article 263" in rows["redress"].source
    assert len(rows["obligations"].lines()) == 4


def test_an_admin_edits_the_redress_wording_and_the_history_keeps_the_old_text(client, superuser):
    row = LetterWording.objects.get(key="redress", language="en")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:letters_letterwording_change", args=[row.pk]),
        {"text": "New redress wording under Article 263 TFEU.", "source": "TFEU, Art 263."},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert wording("redress") == ("New redress wording under Article 263 TFEU.", "TFEU, Art 263.")
    entry = LogEntry.objects.get_for_object(row).latest("timestamp")
    assert entry.actor == superuser and "text" in entry.changes_dict


def test_a_missing_statement_falls_back_to_its_first_wording():
    LetterWording.objects.filter(key="rfi_consequence", language="en").delete()
    assert wording("rfi_consequence") == DEFAULT_WORDING["rfi_consequence"]


def test_the_letter_settings_are_one_row(client, superuser):
    client.force_login(superuser)
    add = reverse("admin:letters_lettersettings_add")
    assert client.get(add).status_code == 200
    LetterSettings.objects.create(head_of_unit_name="Jonas Weber")
    assert client.get(add).status_code == 403
    assert LetterSettings.current().head_of_unit_name == "Jonas Weber"


def test_an_admin_reads_a_letter_in_the_admin_without_its_code(client, superuser, submitted_a):
    from gpai_cases.letters.models import Letter

    letter = Letter.objects.get(case=submitted_a)
    client.force_login(superuser)
    page = client.get(reverse("admin:letters_letter_change", args=[letter.pk])).content.decode()
    assert letter.reference in page
    assert letter.verification_code not in page
