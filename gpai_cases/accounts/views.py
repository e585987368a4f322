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
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from gpai_cases.core.forms import form_data

from . import roles
from .models import SignInEventKind
from .signals import record_sign_in

WRONG_CODE = "That code is not right. Check the time on your phone and try the current code."
THROTTLED = "Too many wrong codes in a row: wait a few seconds, then enter the current code."


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code from your authenticator app",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError("Enter the six digits shown in your authenticator app.")
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


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    if user_has_device(request.user):
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
            return redirect(_next(request))
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


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(f"/accounts/second-factor/setup/?next={_next(request)}")
    form = TokenForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                record_sign_in(
                    SignInEventKind.SECOND_FACTOR_VERIFIED, request=request, user=request.user
                )
                return redirect(_next(request))
        record_sign_in(SignInEventKind.SECOND_FACTOR_FAILED, request=request, user=request.user)
        form.add_error("token", "That code is not right. Try the code your app shows now.")
    return render(
        request, "registration/second_factor_verify.html", {"form": form, "next": _next(request)}
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's home: the AI Office's queue or the provider's portal."""
    if roles.is_ai_office(request.user):
        return redirect("workspace:queue")
    return redirect("portal:home")
