"""The parity page of a body and its CSV files, for the body's members and the
territory's administrators (access.permissions.CONTRIBUTE: guests are refused with the
role table's message, outsiders get 404 from the body's loader)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from access.permissions import CONTRIBUTE, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from bodies.models import Body
from core.charts import csv_response
from parity.forms import PeriodForm
from parity.report import body_report
from parity.selectors import default_period
from parity.tables import PAGE_TABLES, TABLES, gini_text, paged_table, share_chart, trend_chart


def get_body_for_parity(user: Person, pk: int) -> Body:
    """The body, if the user sees it (404 otherwise) and takes part in it (403)."""
    body = get_body_for_user(user, pk)
    require(user, CONTRIBUTE, body)
    return body


def _period(request: AuthenticatedRequest) -> tuple[PeriodForm, tuple[date, date] | None]:
    """The period in the address, or the last twelve months when none is given."""
    if "start" in request.GET or "end" in request.GET:
        form = PeriodForm(request.GET)
        if form.is_valid():
            return form, (form.cleaned_data["start"], form.cleaned_data["end"])
        return form, None
    start, end = default_period()
    return PeriodForm(initial={"start": start, "end": end}), (start, end)


@require_GET
@login_required
def body_parity(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_parity(request.user, body_pk)
    form, period = _period(request)
    context: dict[str, object] = {"body": body, "territory": body.territory, "form": form}
    if period is not None:
        report = body_report(body, *period)
        query = f"?start={period[0].isoformat()}&end={period[1].isoformat()}"
        csv = {name: reverse("parity:csv", args=[body.pk, name]) + query for name in TABLES}
        context.update(
            report=report,
            gini=gini_text(report.gini),
            shares=share_chart(report),
            trend=trend_chart(report),
            tables={
                name: paged_table(name, TABLES[name](report), request.GET) for name in PAGE_TABLES
            },
            csv=csv,
        )
    return render(request, "parity/body_parity.html", context)


@require_GET
@login_required
def body_parity_csv(request: AuthenticatedRequest, body_pk: int, table: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404
    body = get_body_for_parity(request.user, body_pk)
    form, period = _period(request)
    if period is None:
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    columns, rows = TABLES[table](body_report(body, *period))
    filename = f"parite-{table}-{period[0].isoformat()}-{period[1].isoformat()}.csv"
    return csv_response(filename, columns, rows)
