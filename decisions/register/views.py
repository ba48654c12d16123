"""Pages of the register (relevé de décisions): the register of a territory and of a
body (search and filters, paginated), its PDF/A, ODT and CSV exports, the page of one
decision, and the actions that open a proposal to amend or to supersede it.

A recorded decision is never edited: there is no edit view, on purpose."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from access.permissions import CONTRIBUTE, allowed
from access.scopes import get_body_for_user, get_territory_for_user
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from bodies.models import Body
from core.http import file_response
from core.markdown import render_markdown
from decisions.models import Decision
from decisions.register import exports
from decisions.register.forms import RegisterFilterForm
from decisions.register.selectors import (
    RegisterFilters,
    RegisterPaginator,
    Status,
    decision_page,
    object_choices,
    organisation_choices,
    register_bodies,
    register_entries,
    territory_decisions,
)
from decisions.selectors import decisions_for, get_decision_for_user
from territories.models import Territory

PAGE_SIZE = 25


# --- The register ------------------------------------------------------------------------


def _territory_form(request: AuthenticatedRequest, territory: Territory) -> RegisterFilterForm:
    bodies = register_bodies(request.user, territory)
    return RegisterFilterForm(
        request.GET,
        bodies=bodies,
        objects=object_choices(bodies),
        organisations=organisation_choices(territory),
    )


def _body_form(request: AuthenticatedRequest, body: Body) -> RegisterFilterForm:
    return RegisterFilterForm(
        request.GET,
        bodies=None,
        objects=object_choices(Body.objects.filter(pk=body.pk)),
        organisations=organisation_choices(body.territory),
    )


def _query_without_page(query: QueryDict, **extra: str) -> str:
    copy = query.copy()
    copy.pop("page", None)
    for key, value in extra.items():
        copy[key] = value
    return copy.urlencode()


def _render_register(
    request: AuthenticatedRequest,
    *,
    territory: Territory,
    body: Body | None,
    form: RegisterFilterForm,
    rows: QuerySet[Decision],
) -> HttpResponse:
    page = RegisterPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    # The exports are the territory's: a body's register exports with its body filter.
    export_query = _query_without_page(request.GET, **({"body": str(body.pk)} if body else {}))
    context = {
        "territory": territory,
        "body": body,
        "form": form,
        "page": page,
        "page_query": _query_without_page(request.GET),
        "export_query": export_query,
        "statuses": Status,
    }
    return render(request, "decisions/register/register.html", context)


@require_GET
@login_required
def register(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    """Every decision of the bodies of the territory that the user may see."""
    territory = get_territory_for_user(request.user, territory_pk)
    form = _territory_form(request, territory)
    rows = register_entries(territory_decisions(request.user, territory), form.filters())
    return _render_register(request, territory=territory, body=None, form=form, rows=rows)


@require_GET
@login_required
def body_register(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    form = _body_form(request, body)
    decisions = decisions_for(request.user).filter(body=body)
    rows = register_entries(decisions, form.filters(body=body))
    return _render_register(request, territory=body.territory, body=body, form=form, rows=rows)


# --- Exports -----------------------------------------------------------------------------


def _filters_in_words(form: RegisterFilterForm, filters: RegisterFilters) -> list[str]:
    words = []
    if filters.query:
        words.append(_("Recherche : « %(query)s »") % {"query": filters.query})
    for name in ("object", "body", "organisation", "start", "end", "status", "kind"):
        if name not in form.fields or not form.cleaned_data.get(name):
            continue
        field = form[name]
        value = form.cleaned_data[name]
        if isinstance(value, date):
            value = date_format(value, "DATE_FORMAT")
        elif hasattr(form.fields[name], "choices") and not hasattr(value, "pk"):
            value = dict(form.fields[name].choices).get(str(value), value)  # type: ignore[attr-defined]
        words.append(f"{field.label} : {value}")
    return words


def _export(request: AuthenticatedRequest, territory_pk: int) -> exports.RegisterExport:
    territory = get_territory_for_user(request.user, territory_pk)
    form = _territory_form(request, territory)
    filters = form.filters()
    rows = list(register_entries(territory_decisions(request.user, territory), filters))
    source = filters.body.name if filters.body is not None else territory.name
    return exports.RegisterExport(
        title=_("Relevé de décisions · %(source)s") % {"source": source},
        source=source if filters.body is None else f"{territory.name} · {source}",
        filters=_filters_in_words(form, filters),
        rows=rows,
    )


@require_GET
@login_required
def register_pdf(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    export = _export(request, territory_pk)
    name = exports.filename(export, "pdf")
    return file_response(exports.register_pdf(export), "application/pdf", name, inline=True)


@require_GET
@login_required
def register_odt(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    export = _export(request, territory_pk)
    content_type = "application/vnd.oasis.opendocument.text"
    return file_response(
        exports.register_odt(export), content_type, exports.filename(export, "odt"), inline=False
    )


@require_GET
@login_required
def register_csv(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    export = _export(request, territory_pk)
    content_type = "text/csv; charset=utf-8"
    return file_response(
        exports.register_csv(export), content_type, exports.filename(export, "csv"), inline=False
    )


# --- One decision ------------------------------------------------------------------------


def can_propose_change(user: Person, decision: Decision) -> bool:
    """Who may file a proposal in the body (proposal_create's rule): a member,
    guests excepted, or an administrator. The proposal then follows the body's process."""
    return allowed(user, CONTRIBUTE, decision.body)


@require_GET
@login_required
def decision_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = get_decision_for_user(request.user, pk)
    details = decision_page(decision)
    context: dict[str, Any] = {
        "decision": decision,
        "body": decision.body,
        "territory": decision.body.territory,
        "details": details,
        "text_html": render_markdown(decision.text),
        "can_change": details.status != Status.SUPERSEDED
        and can_propose_change(request.user, decision),
    }
    return render(request, "decisions/register/decision.html", context)
