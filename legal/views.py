"""Three public pages (no login: the law wants them readable by anyone). What differs
from one deployment to another (who publishes, who hosts, whom to write to) comes from
settings, read from environment variables (README.md lists them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from legal.retention import retention_periods


def publisher() -> dict[str, Any]:
    return {
        "name": settings.CODIR_PUBLISHER_NAME,
        "address": settings.CODIR_PUBLISHER_ADDRESS,
        "email": settings.CODIR_PUBLISHER_EMAIL,
        "director": settings.CODIR_PUBLICATION_DIRECTOR,
        "host": settings.CODIR_HOST_NAME,
        "host_address": settings.CODIR_HOST_ADDRESS,
        "privacy_email": settings.CODIR_PRIVACY_EMAIL or settings.CODIR_PUBLISHER_EMAIL,
        "accessibility_email": settings.CODIR_ACCESSIBILITY_EMAIL or settings.CODIR_PUBLISHER_EMAIL,
        "site_url": settings.SITE_URL,
    }


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/accessibility.html", {"publisher": publisher()})


@require_GET
def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/legal_notice.html", {"publisher": publisher()})


@require_GET
def personal_data(request: HttpRequest) -> HttpResponse:
    context = {"publisher": publisher(), "retention": retention_periods()}
    return render(request, "legal/personal_data.html", context)
