"""Every text field people type in states its limit in the hint and is checked on the server
with a message naming it — in the forms of both doors and in the API."""

from __future__ import annotations

import inspect

import pytest
from django import forms
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases.models import InformationRequest
from gpai_cases.core import limits
from gpai_cases.portal import forms as portal_forms
from gpai_cases.portal import obligation_forms as portal_obligation_forms
from gpai_cases.register import forms as register_forms
from gpai_cases.workspace import forms as workspace_forms
from gpai_cases.workspace import obligation_forms as workspace_obligation_forms
from gpai_cases.workspace.views import records as workspace_records

MODULES = [
    portal_forms,
    portal_obligation_forms,
    workspace_forms,
    workspace_obligation_forms,
    register_forms,
    workspace_records,
]


def declared_text_fields():
    for module in MODULES:
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__.startswith("gpai_cases"):
                for field_name, field in form.base_fields.items():
                    if type(field) is forms.CharField and not field.widget.is_hidden:
                        yield f"{name}.{field_name}", field


@pytest.mark.parametrize(("name", "field"), list(declared_text_fields()))
def test_every_text_field_states_and_checks_its_limit(name, field):
    assert field.max_length, f"{name} has no limit"
    assert str(limits.hint(field.max_length)) in str(field.help_text), f"{name}: limit not stated"
    assert "maxlength" not in field.widget.attrs  # a browser would cut a pasted text silently
    with pytest.raises(forms.ValidationError, match=f"At most {field.max_length:,} characters"):
        field.clean("x" * (field.max_length + 1))


def test_the_limit_message_names_the_limit_and_the_length():
    assert limits.too_long(5_000, 100_000).startswith("At most 5,000 characters: this has 100,000.")


@pytest.mark.django_db
def test_the_api_refuses_a_100000_character_question_with_the_limit_named(caseworker, assessing_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=caseworker).key}")
    answer = client.post(
        reverse("api:case-information-requests", args=[assessing_a.reference]),
        {"kind": "question", "questions": ["x" * 100_000]},
        format="json",
    )
    assert answer.status_code == 400
    assert "5000" in answer.content.decode() or "5,000" in answer.content.decode()
    assert not InformationRequest.objects.filter(case=assessing_a).exists()


def test_the_limit_is_stated_in_the_readers_language():
    from django.utils import translation

    hint = limits.hint(5_000)
    with translation.override("de"):
        assert str(hint) == "Höchstens 5.000 Zeichen."
        assert limits.too_long(5_000, 6_000).startswith(
            "Höchstens 5.000 Zeichen: dieser Text hat 6.000"
        )
    with translation.override("fr"):
        assert str(hint) == "Au plus 5\xa0000 caractères."
    assert str(hint) == "At most 5,000 characters."
