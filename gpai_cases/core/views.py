from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gpai_cases.cases import access


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from django.shortcuts import redirect

    if access.is_ai_office(request.user):
        return redirect("workspace:queue")
    if request.user.is_provider_member:
        return redirect("portal:home")
    cases = (
        access.cases_visible_to(request.user)
        .select_related("model__provider", "assignee", "notification")
        .order_by("-created_at")[:50]
    )
    return render(request, "core/home.html", {"cases": cases})


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    from django.shortcuts import redirect
    from django.utils import timezone

    from gpai_cases.reminders.models import InboxMessage

    messages_qs = InboxMessage.objects.filter(user=request.user).select_related("case")
    if request.method == "POST":
        messages_qs.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("inbox")
    return render(request, "core/inbox.html", {"inbox": messages_qs[:100]})


def floor(request: HttpRequest) -> HttpResponse:
    """The benchmark floor: a bare view returning a short HTML page through the same middleware."""
    return HttpResponse(
        "<!doctype html><html lang=en><title>floor</title><p>ok</p></html>",
        content_type="text/html; charset=utf-8",
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Download a stored document (evidence, response or letter), scoped by the access rules."""
    from django.http import FileResponse, Http404

    document = access.documents_visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
