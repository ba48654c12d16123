from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedRequest
from home.selectors import home_overview


@require_GET
@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "home/home.html", home_overview(request.user))
