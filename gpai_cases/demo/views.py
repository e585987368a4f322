from django.http import HttpRequest, HttpResponse


def floor(request: HttpRequest) -> HttpResponse:
    """The benchmark floor: a bare view returning a short HTML page through the same middleware."""
    return HttpResponse(
        "<!doctype html><html lang=en><title>floor</title><p>ok</p></html>",
        content_type="text/html; charset=utf-8",
    )
