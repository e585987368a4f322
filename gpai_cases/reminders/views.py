"""The in-app inbox: reminders and messages for the signed-in user."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .models import InboxMessage


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    messages_qs = InboxMessage.objects.filter(user=request.user).select_related("case")
    if request.method == "POST":
        messages_qs.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("inbox")
    return render(request, "reminders/inbox.html", {"inbox": messages_qs[:100]})
