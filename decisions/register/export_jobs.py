"""Register exports too large for a request: the PDF/A or ODT of more than
CODIR_EXPORT_SYNC_MAX decisions is built by the task queue (django-tasks, `db_worker`),
stored through Django's default storage, and downloaded from its page once ready.

An export is of a territory's register or of one body's (its Scope): a body's guest who
is no member of the territory exports the body's register, exactly what they read.
Who reaches a prepared export: its requester only, while they still see its territory,
or its body for a body's export (anyone else gets a 404). The file holds the decisions
the requester could see with their filters; a colleague may see other bodies, so the
file is never shared: they ask for their own. It expires after CODIR_EXPORT_KEEP_HOURS
(`purge_register_exports`).
"""

from __future__ import annotations

import logging
import resource
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_tasks import task

from access.scopes import get_body_for_user, get_territory_for_user
from accounts.models import Person
from bodies.models import Body
from core.french import french_date
from decisions.models import RegisterExportJob
from decisions.register import exports
from decisions.register.forms import RegisterFilterForm
from decisions.register.selectors import (
    RegisterFilters,
    object_choices,
    organisation_choices,
    register_bodies,
    register_entries,
    territory_decisions,
)
from decisions.selectors import decisions_for
from territories.models import Territory

logger = logging.getLogger(__name__)

# Rows read from the database at a time by the streamed CSV and the background exports.
CHUNK_SIZE = 500
# Minutes without a sign of life after which an export in progress is taken as dead (its
# worker stopped or was killed): the largest PDF takes a few minutes, and its progress
# is recorded at every chunk. Setting CODIR_EXPORT_STALE_MINUTES.
STALE_MINUTES = 30


# --- What an export holds ----------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose register is exported: the territory's (`body` None), or one body's. The
    body's is reached through the body alone (get_body_for_user), so that its guests,
    who may not open the territory, export what its register page shows them."""

    territory: Territory
    body: Body | None = None

    def _url(self, territory_name: str, body_name: str) -> str:
        if self.body is None:
            return reverse(f"decisions:{territory_name}", args=[self.territory.pk])
        return reverse(f"decisions:{body_name}", args=[self.body.pk])

    @property
    def register_url(self) -> str:
        return self._url("register", "body_register")

    @property
    def pdf_url(self) -> str:
        return self._url("register_pdf", "body_register_pdf")

    @property
    def odt_url(self) -> str:
        return self._url("register_odt", "body_register_odt")

    @property
    def csv_url(self) -> str:
        return self._url("register_csv", "body_register_csv")

    @property
    def request_url(self) -> str:
        return self._url("register_export_request", "body_register_export_request")


def territory_scope(user: Person, territory_pk: int) -> Scope:
    return Scope(get_territory_for_user(user, territory_pk))


def body_scope(user: Person, body_pk: int) -> Scope:
    body = get_body_for_user(user, body_pk)
    return Scope(body.territory, body)


def job_scope(job: RegisterExportJob) -> Scope:
    return Scope(job.territory, job.body)


def body_form(body: Body, query: QueryDict) -> RegisterFilterForm:
    """The filters of a body's register: no body field, its objects only."""
    return RegisterFilterForm(
        query,
        bodies=None,
        objects=object_choices(Body.objects.filter(pk=body.pk)),
        organisations=organisation_choices(body.territory),
    )


def territory_form(user: Person, territory: Territory, query: QueryDict) -> RegisterFilterForm:
    bodies = register_bodies(user, territory)
    return RegisterFilterForm(
        query,
        bodies=bodies,
        objects=object_choices(bodies),
        organisations=organisation_choices(territory),
    )


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
            value = french_date(value, "DATE_FORMAT")
        elif hasattr(form.fields[name], "choices") and not hasattr(value, "pk"):
            value = dict(form.fields[name].choices).get(str(value), value)  # type: ignore[attr-defined]
        words.append(f"{field.label} : {value}")
    return words


def export_for(
    user: Person, scope: Scope, query: QueryDict, *, stream: bool = False
) -> exports.RegisterExport:
    """The export of the register of `scope` as `user` sees it with the filters of
    `query` (the register page's query string). `stream`: the rows are an iterator over
    the query, CHUNK_SIZE at a time, so that memory does not grow with their number."""
    territory = scope.territory
    if scope.body is None:
        form = territory_form(user, territory, query)
        filters = form.filters()
        decisions = territory_decisions(user, territory)
    else:
        form = body_form(scope.body, query)
        filters = form.filters(body=scope.body)
        decisions = decisions_for(user).filter(body=scope.body)
    rows = register_entries(decisions, filters)
    source = filters.body.name if filters.body is not None else territory.name
    total = rows.count()
    return exports.RegisterExport(
        title=_("Relevé de décisions · %(source)s") % {"source": source},
        source=source if filters.body is None else f"{territory.name} · {source}",
        filters=_filters_in_words(form, filters),
        rows=rows.iterator(chunk_size=CHUNK_SIZE) if stream else list(rows),
        total=total,
    )


# --- Asking for one, and reaching it ----------------------------------------------------


def too_large_message() -> str:
    return _(
        "Un PDF de plus de %(max)s décisions n’est pas proposé : choisissez une période "
        "plus courte, ou exportez en ODT ou en CSV."
    ) % {"max": number_format(settings.CODIR_EXPORT_PDF_MAX, force_grouping=True)}


def too_large(kind: str, total: int) -> bool:
    """A PDF above CODIR_EXPORT_PDF_MAX decisions is not built (settings.py says why)."""
    return kind == RegisterExportJob.Kind.PDF and total > settings.CODIR_EXPORT_PDF_MAX


def _expiry(now: datetime) -> datetime:
    return now + timedelta(hours=settings.CODIR_EXPORT_KEEP_HOURS)


@transaction.atomic
def export_request(*, user: Person, scope: Scope, kind: str, query: QueryDict) -> RegisterExportJob:
    """Record the request and enqueue its building (with the database backend the task
    row is committed with the request, or not at all)."""
    kind = RegisterExportJob.Kind(kind)
    export = export_for(user, scope, query, stream=True)  # counts, reads no row
    if too_large(kind, export.total):
        raise ValidationError(too_large_message())
    job = RegisterExportJob.objects.create(
        requested_by=user,
        territory=scope.territory,
        body=scope.body,
        kind=kind,
        query=query.urlencode(),
        source=export.source,
        total=export.total,
    )
    build_register_export.enqueue(job.pk)
    job.refresh_from_db()  # the immediate backend (tests) has built it already
    return job


@transaction.atomic
def export_retry(*, job: RegisterExportJob) -> RegisterExportJob:
    """Queue a failed export again (its page offers it)."""
    updated = RegisterExportJob.objects.filter(
        pk=job.pk, status=RegisterExportJob.Status.FAILED
    ).update(
        status=RegisterExportJob.Status.QUEUED,
        done=0,
        finished_at=None,
        heartbeat_at=timezone.now(),
    )
    if updated:
        build_register_export.enqueue(job.pk)
    job.refresh_from_db()
    return job


def stale_before(now: datetime) -> datetime:
    minutes = getattr(settings, "CODIR_EXPORT_STALE_MINUTES", STALE_MINUTES)
    return now - timedelta(minutes=minutes)


def fail_stale(jobs: QuerySet[RegisterExportJob], now: datetime | None = None) -> int:
    """Mark failed the exports of `jobs` in progress with no sign of life for
    CODIR_EXPORT_STALE_MINUTES: a dead worker must not leave one "en préparation" for
    ever. Their page then offers to try again. If the worker was only slow, its end
    still records the file (export_build's last write does not look at the status)."""
    now = now or timezone.now()
    return jobs.filter(
        status__in=(RegisterExportJob.Status.QUEUED, RegisterExportJob.Status.RUNNING),
        heartbeat_at__lt=stale_before(now),
    ).update(status=RegisterExportJob.Status.FAILED, finished_at=now)


def get_export_for_user(user: Person, pk: int) -> RegisterExportJob:
    """The export `pk` if `user` asked for it and still sees its territory (its body, for
    a body's export); 404 otherwise (the module's docstring says why no one else reaches
    it). Dead, it is shown failed."""
    fail_stale(RegisterExportJob.objects.filter(pk=pk, requested_by=user))
    job = (
        RegisterExportJob.objects.select_related("territory", "body")
        .filter(pk=pk, requested_by=user)
        .first()
    )
    if job is None:
        raise Http404
    if job.body_id is None:
        get_territory_for_user(user, job.territory_id)
    else:
        get_body_for_user(user, job.body_id)
    return job


def recent_exports(user: Person, scope: Scope) -> list[RegisterExportJob]:
    """The user's exports of the scope's register still to be had (ready and not expired,
    or on their way), latest first: the export page lists them to come back to."""
    now = timezone.now()
    mine = RegisterExportJob.objects.filter(
        requested_by=user, territory=scope.territory, body=scope.body
    )
    fail_stale(mine, now)
    return list(mine.exclude(expires_at__lte=now).order_by("-created_at", "-pk")[:5])


# --- Building it (the task) -------------------------------------------------------------


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux: the process's peak since it started.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _render(job: RegisterExportJob) -> tuple[bytes, str]:
    query = QueryDict(job.query)
    with translation.override(settings.LANGUAGE_CODE):
        export = export_for(job.requested_by, job_scope(job), query, stream=True)
        RegisterExportJob.objects.filter(pk=job.pk).update(total=export.total)

        def progress(done: int) -> None:
            RegisterExportJob.objects.filter(pk=job.pk).update(
                done=done, heartbeat_at=timezone.now()
            )

        if job.kind == RegisterExportJob.Kind.PDF:
            content = exports.register_pdf(export, progress)
        else:
            content = exports.register_odt(export, progress)
        return content, exports.filename(export, job.kind)


def export_build(*, job_id: int) -> str:
    """Build the file of a queued export and store it. A failure is logged and recorded
    (the page shows it in French and offers to try again); nothing half-written is kept.
    Returns the export's status."""
    claimed = RegisterExportJob.objects.filter(
        pk=job_id, status=RegisterExportJob.Status.QUEUED
    ).update(
        status=RegisterExportJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        done=0,
        heartbeat_at=timezone.now(),
    )
    if not claimed:  # gone, or taken by another worker
        return "skipped"
    job = RegisterExportJob.objects.select_related("requested_by", "territory", "body").get(
        pk=job_id
    )
    start = time.perf_counter()
    try:
        content, filename = _render(job)
        # Under upload_to, in a folder of its own: the name cannot be guessed nor collide.
        job.file.save(f"{uuid.uuid4().hex}/{filename}", ContentFile(content), save=False)
    except Exception:
        # Whatever broke (the renderer, the storage), the export fails alone: the worker
        # goes on with its other tasks.
        logger.exception("Register export %s failed", job_id)
        RegisterExportJob.objects.filter(pk=job_id).update(
            status=RegisterExportJob.Status.FAILED, finished_at=timezone.now()
        )
        return RegisterExportJob.Status.FAILED
    now = timezone.now()
    RegisterExportJob.objects.filter(pk=job_id).update(
        status=RegisterExportJob.Status.READY,
        file=job.file.name,
        filename=filename,
        size=len(content),
        done=F("total"),
        seconds=round(time.perf_counter() - start, 2),
        peak_rss_mb=_peak_rss_mb(),
        finished_at=now,
        expires_at=_expiry(now),
    )
    return RegisterExportJob.Status.READY


@task()
def build_register_export(job_id: int) -> str:
    """The register export as a background job."""
    return export_build(job_id=job_id)


# --- Expiry ------------------------------------------------------------------------------


def purge_expired_exports(now: datetime | None = None) -> int:
    """Delete the expired exports and their files, and those that never finished within
    the keeping period (a worker stopped in the middle). Returns how many were deleted."""
    now = now or timezone.now()
    keep = timedelta(hours=settings.CODIR_EXPORT_KEEP_HOURS)
    expired = RegisterExportJob.objects.filter(expires_at__lte=now) | (
        RegisterExportJob.objects.filter(expires_at__isnull=True, created_at__lte=now - keep)
    )
    deleted = 0
    for job in expired.iterator(chunk_size=CHUNK_SIZE):
        if job.file:
            job.file.delete(save=False)  # the storage's file first: a row never outlives it
        job.delete()
        deleted += 1
    return deleted


@task()
def purge_register_exports() -> int:
    """The purge as a background job (cron may run the command instead)."""
    return purge_expired_exports()
