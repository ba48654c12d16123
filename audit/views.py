"""The history page shared by every audited object."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

HISTORY_PAGE_SIZE = 50


def render_history(
    request: HttpRequest,
    *,
    subject: Model,
    entries: QuerySet[LogEntry],
    back_url: str,
) -> HttpResponse:
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {"subject": subject, "page": page, "back_url": back_url},
    )
