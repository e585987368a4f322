"""Downloads of a case's documents (evidence, responses, letters), for both doors: scoped by the
access rules, so another provider's document — or an internal one — is "not found"; every
download is recorded (who, when, which: the read audit)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from . import access, services


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.documents_visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    services.document_read(actor=request.user, document=document, via="web")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
