from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedRequest
from home.selectors import ALL_LIMIT, home_overview


@require_GET
@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "home/home.html", {"home": home_overview(request.user)})


@require_GET
@login_required
def todo(request: AuthenticatedRequest) -> HttpResponse:
    """Everything that waits for the person, each list up to ALL_LIMIT rows: where the
    home page's "voir tout" links lead."""
    overview = home_overview(request.user, limit=ALL_LIMIT)
    return render(request, "home/todo.html", {"home": overview, "full": True})
