"""The inbox, preferences and the calendar feed of the signed-in person."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from . import events, feeds
from .models import CalendarFeed, Channel, InboxMessage, MessagePreference


def _mine(request: HttpRequest):
    return InboxMessage.objects.filter(user=request.user)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    messages_qs = _mine(request).select_related("case")
    if request.method == "POST":
        messages_qs.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("inbox")
    return render(request, "reminders/inbox.html", {"inbox": messages_qs[:100]})


@login_required
def inbox_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a message read and go where it says to act."""
    message = get_object_or_404(_mine(request), pk=pk)
    if message.read_at is None:
        _mine(request).filter(pk=pk).update(read_at=timezone.now())
    link = message.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("inbox")


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in events.kind_choices():
            if kind.legal:
                continue
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.code, Channel.IMMEDIATE),
                required=False,  # a kind left out keeps its choice
            )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = dict(
        MessagePreference.objects.filter(user=request.user).values_list("kind", "channel")
    )
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind, channel in form.cleaned_data.items():
            if not channel:
                continue
            MessagePreference.objects.update_or_create(
                user=request.user, kind=kind, defaults={"channel": channel}
            )
        messages.success(request, gettext("Your preferences are saved."))
        return redirect("message_preferences")
    return render(
        request,
        "reminders/preferences.html",
        {"form": form, "always": [k for k in events.kind_choices() if k.legal]},
    )


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "reminders/calendar.html", {"feed_url": url})


@require_POST
@login_required
def calendar_renew(request: HttpRequest) -> HttpResponse:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.update_or_create(
        user=request.user,
        defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
    )
    messages.success(
        request, gettext("A new calendar address was made; the old one no longer works.")
    )
    return redirect("calendar")


@require_POST
@login_required
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, gettext("Your calendar address no longer works."))
    return redirect("calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's deadlines as iCalendar; the secret address is the key (no sign-in)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404(gettext("No such calendar."))
    response = HttpResponse(feeds.ics(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
