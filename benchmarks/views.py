"""The floor: the least a Django view costs through the whole middleware stack. The
benchmark divides every page's time by it, measured in the same run, so that the ratio
says what the page adds, whatever the machine. Mounted only when CODIR_BENCH_FLOOR is on."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
