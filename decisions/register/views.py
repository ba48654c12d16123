"""Pages of the register (relevé de décisions): the register of a territory and of a
body (search and filters, paginated), its PDF/A, ODT and CSV exports (large ones prepared
in the background, export_jobs.py), the page of one decision, and the actions that open
a proposal to amend or to supersede it.

A recorded decision is never edited: there is no edit view, on purpose."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.permissions import CONTRIBUTE, allowed
from access.scopes import get_body_for_user, get_territory_for_user
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from bodies.models import Body
from core.http import file_response, streaming_response
from core.markdown import render_markdown
from decisions.models import Decision, RegisterExportJob
from decisions.register import export_jobs, exports
from decisions.register.forms import RegisterFilterForm
from decisions.register.selectors import (
    RegisterPaginator,
    Status,
    decision_page,
    decision_participants,
    register_entries,
    territory_decisions,
)
from decisions.selectors import decisions_for, get_decision_for_user
from territories.models import Territory

PAGE_SIZE = 25


# --- The register ------------------------------------------------------------------------


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
    context = {
        "territory": territory,
        "body": body,
        # A body's register exports as the body's (its guests do not see the territory).
        "scope": export_jobs.Scope(territory, body),
        "form": form,
        "page": page,
        "page_query": _query_without_page(request.GET),
        "export_query": _query_without_page(request.GET),
        "statuses": Status,
    }
    return render(request, "decisions/register/register.html", context)


@require_GET
@login_required
def register(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    """Every decision of the bodies of the territory that the user may see."""
    territory = get_territory_for_user(request.user, territory_pk)
    form = export_jobs.territory_form(request.user, territory, request.GET)
    rows = register_entries(territory_decisions(request.user, territory), form.filters())
    return _render_register(request, territory=territory, body=None, form=form, rows=rows)


@require_GET
@login_required
def body_register(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    form = export_jobs.body_form(body, request.GET)
    decisions = decisions_for(request.user).filter(body=body)
    rows = register_entries(decisions, form.filters(body=body))
    return _render_register(request, territory=body.territory, body=body, form=form, rows=rows)


# --- Exports -----------------------------------------------------------------------------
# A small register (CODIR_EXPORT_SYNC_MAX decisions at most) is exported in the request; a
# larger one is prepared by the task queue (export_jobs.py) and downloaded from its page.
# The CSV always streams, CHUNK_SIZE rows at a time.


# Each export exists for a territory's register and for a body's: the views below take
# the Scope that their URL names (territory_scope, body_scope), with the same code.


def _sync_or_prepare(
    request: AuthenticatedRequest, scope: export_jobs.Scope, kind: RegisterExportJob.Kind
) -> tuple[exports.RegisterExport | None, HttpResponse | None]:
    export = export_jobs.export_for(request.user, scope, request.GET, stream=True)
    if export.total <= settings.CODIR_EXPORT_SYNC_MAX:
        return export, None
    context = {
        "territory": scope.territory,
        "body": scope.body,
        "scope": scope,
        "export": export,
        "kind": kind,
        "query": request.GET.urlencode(),
        "register_url": scope.register_url,
        "too_large": export_jobs.too_large(kind, export.total) and export_jobs.too_large_message(),
        "recent": export_jobs.recent_exports(request.user, scope),
    }
    return None, render(request, "decisions/register/export_prepare.html", context)


def _pdf(request: AuthenticatedRequest, scope: export_jobs.Scope) -> HttpResponse:
    export, prepare = _sync_or_prepare(request, scope, RegisterExportJob.Kind.PDF)
    if export is None:
        assert prepare is not None
        return prepare
    name = exports.filename(export, "pdf")
    return file_response(exports.register_pdf(export), "application/pdf", name, inline=True)


def _odt(request: AuthenticatedRequest, scope: export_jobs.Scope) -> HttpResponse:
    export, prepare = _sync_or_prepare(request, scope, RegisterExportJob.Kind.ODT)
    if export is None:
        assert prepare is not None
        return prepare
    content_type = "application/vnd.oasis.opendocument.text"
    return file_response(
        exports.register_odt(export), content_type, exports.filename(export, "odt"), inline=False
    )


def _csv(request: AuthenticatedRequest, scope: export_jobs.Scope) -> StreamingHttpResponse:
    export = export_jobs.export_for(request.user, scope, request.GET, stream=True)
    return streaming_response(
        request,
        exports.register_csv_lines(export),
        "text/csv; charset=utf-8",
        exports.filename(export, "csv"),
    )


def _export_request(request: AuthenticatedRequest, scope: export_jobs.Scope) -> HttpResponse:
    """Queue the export of the register with the filters of the page it came from."""
    kind = request.POST.get("kind", "")
    if kind not in RegisterExportJob.Kind.values:
        return HttpResponseBadRequest(_("Format d’export inconnu."))
    query = QueryDict(request.POST.get("query", ""))
    try:
        job = export_jobs.export_request(user=request.user, scope=scope, kind=kind, query=query)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{scope.register_url}?{query.urlencode()}")
    return redirect(job)


@require_GET
@login_required
def register_pdf(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    return _pdf(request, export_jobs.territory_scope(request.user, territory_pk))


@require_GET
@login_required
def register_odt(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    return _odt(request, export_jobs.territory_scope(request.user, territory_pk))


@require_GET
@login_required
def register_csv(request: AuthenticatedRequest, territory_pk: int) -> StreamingHttpResponse:
    return _csv(request, export_jobs.territory_scope(request.user, territory_pk))


@require_POST
@login_required
def register_export_request(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    return _export_request(request, export_jobs.territory_scope(request.user, territory_pk))


@require_GET
@login_required
def body_register_pdf(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    return _pdf(request, export_jobs.body_scope(request.user, body_pk))


@require_GET
@login_required
def body_register_odt(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    return _odt(request, export_jobs.body_scope(request.user, body_pk))


@require_GET
@login_required
def body_register_csv(request: AuthenticatedRequest, body_pk: int) -> StreamingHttpResponse:
    return _csv(request, export_jobs.body_scope(request.user, body_pk))


@require_POST
@login_required
def body_register_export_request(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    return _export_request(request, export_jobs.body_scope(request.user, body_pk))


@require_GET
@login_required
def register_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The page of a prepared export: its progress (htmx asks for the fragment again
    every two seconds while it runs), then its download link, or its failure."""
    job = export_jobs.get_export_for_user(request.user, pk)
    context = {
        "job": job,
        "territory": job.territory,
        "body": job.body,
        "register_url": export_jobs.job_scope(job).register_url
        + (f"?{job.query}" if job.query else ""),
    }
    if request.htmx:
        return render(request, "decisions/register/_export_progress.html", context)
    return render(request, "decisions/register/export_status.html", context)


@require_GET
@login_required
def register_export_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    job = export_jobs.get_export_for_user(request.user, pk)
    if job.status != RegisterExportJob.Status.READY or job.expired or not job.file:
        raise Http404
    content_type = (
        "application/pdf"
        if job.kind == RegisterExportJob.Kind.PDF
        else "application/vnd.oasis.opendocument.text"
    )
    # Read from the storage a block at a time (a local file or an S3 object alike).
    return FileResponse(
        job.file.open("rb"),
        content_type=content_type,
        as_attachment=job.kind != RegisterExportJob.Kind.PDF,
        filename=job.filename,
    )


@require_POST
@login_required
def register_export_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = export_jobs.get_export_for_user(request.user, pk)
    export_jobs.export_retry(job=job)
    return redirect(job)


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


@require_GET
@login_required
def decision_participants_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Everyone who took part in a decision (its page names the first ones)."""
    decision = get_decision_for_user(request.user, pk)
    context = {
        "decision": decision,
        "body": decision.body,
        "territory": decision.body.territory,
        "participants": decision_participants(decision),
    }
    return render(request, "decisions/register/participants.html", context)
