"""A provider's account pages: for whom the user acts, the members (invite, remove), the
organisation's details, and who did what; and the two public doors of joining — an invitation
link and the request to be registered (docs/adr/0013-invitations-and-acting-for.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gpai_cases.accounts.middleware import second_factor_exempt
from gpai_cases.accounts.models import AccountEvent, Invitation, User
from gpai_cases.cases import access
from gpai_cases.cases.rules import members as rules
from gpai_cases.cases.services import members as services
from gpai_cases.core.errors import ActionRefused
from gpai_cases.core.forms import form_data, refused_into
from gpai_cases.providers import access as provider_access

from .. import account_forms as forms
from .base import act_for, provider_for, provider_only


def _may_manage(request: HttpRequest) -> bool:
    return provider_access.may_manage_members(request.user, provider_for(request))


@provider_only
@require_http_methods(["GET", "POST"])
def acting_for(request: HttpRequest) -> HttpResponse:
    """Choose the provider to act for (a member of several, or their authorised representative)."""
    mine = access.providers_visible_to(request.user).order_by("legal_name")
    form = forms.ActingForForm(
        form_data(request)[0],
        providers=mine,
        initial={"provider": provider_for(request).pk},
    )
    if request.method == "POST" and form.is_valid():
        act_for(request, mine.get(pk=form.cleaned_data["provider"]))
        messages.success(
            request,
            _("You are now acting for %(provider)s.") % {"provider": request.acting_provider},
        )
        return redirect("portal:home")
    return render(request, "portal/account/acting_for.html", {"form": form})


@provider_only
def members(request: HttpRequest) -> HttpResponse:
    """The provider's members, open invitations, and who did what."""
    provider = provider_for(request)
    return render(
        request,
        "portal/account/members.html",
        {
            "provider": provider,
            "members": provider_access.members_visible_to(request.user, provider)
            .select_related("user")
            .order_by("user__email"),
            "invitations": [
                i
                for i in Invitation.objects.filter(
                    provider=provider, accepted_at__isnull=True, revoked_at__isnull=True
                ).select_related("invited_by")
                if i.is_open
            ],
            "events": AccountEvent.objects.filter(provider=provider).select_related("actor")[:50],
            "may_manage": _may_manage(request),
        },
    )


@provider_only
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest) -> HttpResponse:
    provider = provider_for(request)
    access.require(provider_access.may_manage_members, request.user, provider)
    form = forms.InviteForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        invitation = refused_into(
            form,
            lambda: services.invitation_send(
                actor=request.user, provider=provider, **form.cleaned_data
            ),
        )
        if invitation is not None:
            messages.success(
                request,
                _("Invitation sent to %(email)s; the link works once, for 7 days.")
                % {"email": invitation.email},
            )
            return redirect("portal:members")
    return render(request, "portal/account/invite.html", {"form": form, "provider": provider})


@provider_only
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    provider = provider_for(request)
    membership = (
        provider_access.members_visible_to(request.user, provider)
        .select_related("user", "provider")
        .filter(pk=pk)
        .first()
    )
    if membership is None:
        raise Http404("No such member.")
    access.require(provider_access.may_manage_members, request.user, provider)
    reasons = rules.remove_blockers(request.user, membership)
    if request.method == "POST" and not reasons:
        try:
            services.member_remove(actor=request.user, membership=membership)
        except ActionRefused as refused:
            reasons = refused.reasons
        else:
            messages.success(
                request, _("%(email)s is no longer a member.") % {"email": membership.user.email}
            )
            return redirect("portal:members")
    return render(
        request,
        "portal/account/remove.html",
        {"membership": membership, "reasons": reasons, "provider": provider},
    )


@provider_only
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    provider = provider_for(request)
    invitation = Invitation.objects.filter(pk=pk, provider=provider).first()
    if invitation is None:
        raise Http404("No such invitation.")
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation of %(email)s no longer works.") % {"email": invitation.email}
    )
    return redirect("portal:members")


@provider_only
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest) -> HttpResponse:
    """The organisation's contact details and postal address (what letters are addressed to)."""
    provider = provider_for(request)
    may_manage = _may_manage(request)
    form = forms.DetailsForm(form_data(request)[0], instance=provider)
    if request.method == "POST":
        access.require(provider_access.may_manage_members, request.user, provider)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in forms.DetailsForm.Meta.fields}
            provider.refresh_from_db()  # the form's instance holds the new values already
            try:
                services.provider_details_update(actor=request.user, provider=provider, **fields)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for e in errors:
                        form.add_error(field if field in form.fields else None, e)
            else:
                messages.success(request, _("The organisation's details are saved."))
                return redirect("portal:details")
    return render(
        request,
        "portal/account/details.html",
        {"form": form, "provider": provider, "may_manage": may_manage},
    )


# ---- the public doors --------------------------------------------------------------------------


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Follow an invitation link: set a password (a new account) or join (an account signed in
    as the invited address). A used, expired, withdrawn or unknown link gets the same answer."""
    found = services.invitation_find(token)
    reasons = rules.invitation_blockers(found)
    if reasons or found is None:
        return render(request, "portal/account/invitation.html", {"reasons": reasons}, status=404)
    existing = User.objects.filter(email__iexact=found.email, is_active=True).first()
    signed_in_as_invited = existing is not None and request.user.pk == existing.pk
    form = forms.JoinForm(form_data(request)[0], email=found.email) if existing is None else None
    context = {
        "invitation": found,
        "form": form,
        "existing": existing,
        "signed_in_as_invited": signed_in_as_invited,
    }
    if request.method != "POST":
        return render(request, "portal/account/invitation.html", context)
    if existing is not None:
        try:
            services.invitation_accept(token=token, user=request.user)
        except ActionRefused as refused:
            context["join_reasons"] = refused.reasons
            return render(request, "portal/account/invitation.html", context)
        act_for(request, found.provider)
        messages.success(
            request, _("You are now a member of %(provider)s.") % {"provider": found.provider}
        )
        return redirect("portal:home")
    if form is not None and form.is_valid():
        try:
            services.invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        except ValidationError as exc:
            form.add_error("password1", exc)
        else:
            messages.success(
                request,
                _("Your password is set. Sign in with %(email)s to continue.")
                % {"email": found.email},
            )
            return redirect("login")
    return render(request, "portal/account/invitation.html", context)


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def registration_request(request: HttpRequest) -> HttpResponse:
    """A provider asks to be registered; the AI Office confirms it on its enrolment page."""
    form = forms.RegistrationRequestForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_request_file(**form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for e in errors:
                    form.add_error(field if field in form.fields else None, e)
        else:
            return render(request, "portal/account/request_received.html", {"form": form})
    return render(request, "portal/account/request.html", {"form": form})


__all__ = [
    "acting_for",
    "details",
    "invitation",
    "invitation_revoke",
    "member_invite",
    "member_remove",
    "members",
    "registration_request",
]
