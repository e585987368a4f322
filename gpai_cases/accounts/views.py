"""Enrolling and verifying the second factor (TOTP)."""

from __future__ import annotations

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gpai_cases.core.forms import form_data

from . import roles
from .middleware import second_factor_exempt
from .models import SignInEventKind
from .signals import record_sign_in

WRONG_CODE = _("That code is not right. Check the time on your phone and try the current code.")
THROTTLED = _("Too many wrong codes in a row: wait a few seconds, then enter the current code.")
#: How many backup codes a user holds; each works once.
BACKUP_CODES = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError(_("Enter the six digits shown in your authenticator app."))
        return token


class VerifyForm(forms.Form):
    """The six digits of the authenticator app, or one of the backup codes."""

    token = forms.CharField(
        label=_("Six-digit code from your authenticator app, or a backup code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split()).replace("-", "").lower()
        if not token.isascii() or not token.isalnum() or len(token) not in (6, 8):
            raise forms.ValidationError(
                _(
                    "Enter the six digits shown in your authenticator app, or an eight-character "
                    "backup code."
                )
            )
        return token


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/"
    return target


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def new_backup_codes(user: object) -> list[str]:
    """Replace the user's backup codes with a new set (django-otp's static device); each works
    once. Shown once, when made."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return [f"{c[:4]}-{c[4:]}" for c in codes]


def _backup_codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    return render(request, "registration/backup_codes.html", {"codes": codes, "next": next_url})


@second_factor_exempt
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"/accounts/second-factor/verify/?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = TokenForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", THROTTLED)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            record_sign_in(
                SignInEventKind.SECOND_FACTOR_ENROLLED, request=request, user=request.user
            )
            # a lost phone must not lock anyone out: backup codes, shown once
            return _backup_codes_page(request, new_backup_codes(request.user), _next(request))
        else:
            record_sign_in(SignInEventKind.SECOND_FACTOR_FAILED, request=request, user=request.user)
            form.add_error("token", WRONG_CODE)
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "secret": b32encode(device.bin_key).decode(),
            "qr_svg": _qr_svg(device.config_url),
            "next": _next(request),
        },
    )


@second_factor_exempt
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    backup = list(StaticDevice.objects.filter(user=request.user, confirmed=True))
    if not devices and not backup:
        return redirect(f"/accounts/second-factor/setup/?next={_next(request)}")
    form = VerifyForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in devices if token.isdigit() and len(token) == 6 else backup:
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                record_sign_in(
                    SignInEventKind.SECOND_FACTOR_VERIFIED, request=request, user=request.user
                )
                return redirect(_next(request))
        record_sign_in(SignInEventKind.SECOND_FACTOR_FAILED, request=request, user=request.user)
        form.add_error("token", _("That code is not right. Try the code your app shows now."))
    return render(
        request, "registration/second_factor_verify.html", {"form": form, "next": _next(request)}
    )


@require_http_methods(["GET", "POST"])
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """How many backup codes are left; a new set replaces the old one (asked with a
    confirmation, since the old codes stop working)."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _backup_codes_page(request, new_backup_codes(request.user), "/")
    device = StaticDevice.objects.filter(user=request.user).first()
    left = device.token_set.count() if device else 0
    return render(request, "registration/backup_codes_manage.html", {"left": left})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's home: the AI Office's queue or the provider's portal."""
    if roles.is_ai_office(request.user):
        return redirect("workspace:queue")
    return redirect("portal:home")
