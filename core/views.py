from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.selectors import home_overview


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home_overview(request.user))  # type: ignore[arg-type]
