"""Downloads of the files filed with the obligations, for both doors: scoped by the access rules,
so another provider's file is "not found"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse

from . import access


@login_required
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    stored = access.get_visible(access.files_visible_to(request.user), pk)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
