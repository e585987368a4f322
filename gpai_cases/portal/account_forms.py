"""Forms of a provider's account pages: members, invitations, organisation details, joining,
acting for one of several providers, and the public request to be registered."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from gpai_cases.accounts.models import RegistrationRequest, User
from gpai_cases.providers.models import EU_MEMBER_STATES, Provider


def country_choices() -> list[tuple[str, str]]:
    """The countries' names in the reader's language (django-countries translates them)."""
    return [("", "—"), *countries]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    is_administrator = forms.BooleanField(
        label=_(
            "Provider administrator: may invite and remove members and change the "
            "organisation's details"
        ),
        required=False,
    )


class DetailsForm(forms.ModelForm):
    """What letters are addressed to, and whom the AI Office writes to."""

    class Meta:
        model = Provider
        fields = [
            "contact_name",
            "contact_email",
            "street_address",
            "postal_code",
            "city",
            "language",
            "eu_representative",
        ]
        widgets = {"street_address": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "contact_name": _("Contact name"),
            "contact_email": _("Contact e-mail"),
            "street_address": _("Street address"),
            "postal_code": _("Postal code"),
            "city": _("City"),
            "language": _("Language"),
        }


class JoinForm(forms.Form):
    """A new member's name and password (Django's password validators)."""

    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(
            lambda: " ".join(password_validation.password_validators_help_texts()), str
        )(),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            try:
                password_validation.validate_password(
                    one, User(email=self.email, full_name=data.get("full_name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ActingForForm(forms.Form):
    provider = forms.TypedChoiceField(
        label=_("Act for"), coerce=int, widget=forms.RadioSelect, choices=[]
    )

    def __init__(self, *args: Any, providers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(p.pk, p.legal_name) for p in providers]


class RegistrationRequestForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country of establishment"), choices=country_choices)

    class Meta:
        model = RegistrationRequest
        fields = [
            "legal_name",
            "country",
            "eu_representative",
            "contact_name",
            "contact_email",
            "message",
        ]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "eu_representative": _(
                "Required when the organisation is established outside the EU "
                "(Art 54 AI Act): name and address of the authorised representative."
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        country = data.get("country")
        if country and country not in EU_MEMBER_STATES and not data.get("eu_representative"):
            self.add_error(
                "eu_representative",
                _("Outside the EU, name the authorised representative in the EU (Art 54)."),
            )
        return data
