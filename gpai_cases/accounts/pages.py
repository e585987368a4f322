"""The pages every public service owes its users (accessibility statement, privacy notice, legal
notice, contact), and password reset by e-mail with Django's own views, throttled.

Password reset (docs/adr/0014-password-reset.md): Django's views and token generator — a link
works once (its token hashes the password and the last sign-in, both change when it is used) and
for ``PASSWORD_RESET_TIMEOUT``; the form answers the same for any address (no account
enumeration: Django's form sends only to an active account with a usable password, the page
that follows is the same); and a few requests per address and per IP an hour, after which the
same page answers and nothing is sent.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .middleware import second_factor_exempt
from .signals import client_ip

__all__ = [
    "PAGES",
    "RESETS_PER_ADDRESS",
    "RESETS_PER_IP",
    "PasswordResetView",
    "page",
]

#: Reset e-mails an hour, per typed address and per IP address.
RESETS_PER_ADDRESS = 3
RESETS_PER_IP = 20
WINDOW_SECONDS = 3600

#: url name → (template, title)
PAGES = {
    "accessibility": ("pages/accessibility.html", _("Accessibility statement")),
    "privacy": ("pages/privacy.html", _("Privacy notice")),
    "legal_notice": ("pages/legal_notice.html", _("Legal notice")),
    "contact": ("pages/contact.html", _("Contact")),
}


def page(name: str) -> Any:
    template, title = PAGES[name]

    @second_factor_exempt
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template, {"title": title})

    view.__name__ = name
    return view


def _over_limit(key: str, limit: int) -> bool:
    """Count one more; True once the count passes the limit within the window."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        address = form.cleaned_data["email"].strip().lower()
        throttled = _over_limit(f"reset:addr:{address}", RESETS_PER_ADDRESS) | _over_limit(
            f"reset:ip:{client_ip(self.request)}", RESETS_PER_IP
        )
        if throttled:  # the same answer, and nothing sent
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        """A link that does not work (used, expired, made up) is "not found", and says so."""
        if not context.get("validlink"):
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)


password_reset = second_factor_exempt(PasswordResetView.as_view())
password_reset_done = second_factor_exempt(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
)
password_reset_confirm = second_factor_exempt(PasswordResetConfirmView.as_view())
password_reset_complete = second_factor_exempt(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"
    )
)
