"""Enrolment by the AI Office: register a provider — or confirm one that asked to be registered
through the public form — and invite its first member, as its provider administrator; or invite
a member of a provider already registered."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_countries import countries

from gpai_cases.accounts.models import RegistrationRequest, RegistrationRequestStatus
from gpai_cases.cases import access
from gpai_cases.cases.services import members as services
from gpai_cases.core.forms import form_data, parse_pk, refused_into
from gpai_cases.providers import access as provider_access
from gpai_cases.providers.models import Provider

from .base import office_only


class EnrolForm(forms.Form):
    registration_request = forms.IntegerField(required=False, widget=forms.HiddenInput)
    legal_name = forms.CharField(label=_("Legal name of the provider"), max_length=200)
    # the choices are set per form: country names in the reader's language, in its order
    country = forms.ChoiceField(label=_("Country of establishment"))
    eu_representative = forms.CharField(
        label=_("EU authorised representative"),
        max_length=300,
        required=False,
        help_text=_("Required when the provider is established outside the EU (Art 54)."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False)
    street_address = forms.CharField(
        label=_("Street address"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    first_member_email = forms.EmailField(
        label=_("E-mail address of the first member"),
        help_text=_(
            "They receive a link that works once, for 7 days, and become the provider's "
            "administrator."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]


class InviteMemberForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Provider.objects.none())
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    is_administrator = forms.BooleanField(label=_("Provider administrator"), required=False)

    def __init__(self, *args: Any, providers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


def _errors_into(form: forms.Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for e in errors:
            form.add_error(field if field in form.fields else None, e)


@office_only
@require_http_methods(["GET", "POST"])
def enrolment(request: HttpRequest) -> HttpResponse:
    access.require(provider_access.may_enrol_providers, request.user)
    open_requests = RegistrationRequest.objects.filter(status=RegistrationRequestStatus.OPEN)
    asked = open_requests.filter(pk=parse_pk(request.GET.get("request"))).first()
    initial = (
        {
            "registration_request": asked.pk,
            "legal_name": asked.legal_name,
            "country": asked.country,
            "eu_representative": asked.eu_representative,
            "contact_name": asked.contact_name,
            "contact_email": asked.contact_email,
            "first_member_email": asked.contact_email,
        }
        if asked
        else {}
    )
    posted = request.POST.get("form")
    data = form_data(request)[0]
    enrol = EnrolForm(data if posted == "enrol" else None, initial=initial)
    invite = InviteMemberForm(
        data if posted == "invite" else None,
        providers=access.providers_visible_to(request.user).order_by("legal_name"),
    )
    if posted == "enrol" and enrol.is_valid():
        fields = dict(enrol.cleaned_data)
        confirmed = open_requests.filter(pk=fields.pop("registration_request") or 0).first()
        try:
            result = refused_into(
                enrol,
                lambda: services.provider_enrol(
                    actor=request.user, registration_request=confirmed, **fields
                ),
            )
        except ValidationError as exc:
            _errors_into(enrol, exc)
            result = None
        if result is not None:
            provider, invitation = result
            messages.success(
                request,
                gettext("{provider} is registered; {email} is invited.").format(
                    provider=provider, email=invitation.email
                ),
            )
            return redirect("workspace:enrolment")
    if posted == "invite" and invite.is_valid():
        invitation = refused_into(
            invite,
            lambda: services.invitation_send(actor=request.user, **invite.cleaned_data),
        )
        if invitation is not None:
            messages.success(
                request,
                gettext("{email} is invited to {provider}.").format(
                    email=invitation.email, provider=invitation.provider
                ),
            )
            return redirect("workspace:enrolment")
    return render(
        request,
        "workspace/enrolment.html",
        {"enrol": enrol, "invite": invite, "open_requests": open_requests, "asked": asked},
    )
