"""Pages of a body's charter and calendar: the charter and its versions, the meetings
planned from it, one meeting, its move, its roles and its attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import get_body_for_user
from core.forms import add_service_errors
from core.http import AuthenticatedRequest
from decisions.framework_selectors import charter_adoption_decision, charter_pending_proposal
from decisions.models import Proposal
from governance.models import Charter
from meetings import schedule, services
from meetings.forms import AttendanceForm, CharterForm, MeetingForm, RolesForm
from meetings.models import Meeting
from meetings.rotation import current_members, suggest_roles
from meetings.selectors import (
    body_calendar,
    can_plan_meetings,
    charter_versions,
    current_charter,
    get_charter_for_user,
    get_meeting_for_user,
    latest_charter,
    meeting_attendances,
    meeting_invitees,
    meeting_permissions,
)
from territories.models import Organisation


def _require(allowed: bool) -> None:
    """A member who may see the object but not do this gets 403 (outsiders got 404)."""
    if not allowed:
        raise PermissionDenied


def _hosts(body: Body) -> QuerySet[Organisation]:
    """The organisations that may host a meeting of the body: those of its territory."""
    return Organisation.objects.filter(territory=body.territory, ended_on__isnull=True).order_by(
        "name"
    )


# --- Charter ---------------------------------------------------------------------------


def _proposal_url(proposal: Proposal | None) -> str | None:
    """The proposal's page; None while the proposal pages are not installed."""
    if proposal is None:
        return None
    try:
        return proposal.get_absolute_url()
    except NoReverseMatch:
        return None


def _adoption_context(charter: Charter | None) -> dict[str, Any]:
    """How a version stands towards consent: the open proposal carrying a draft, or the
    register entry that adopted it."""
    if charter is None:
        return {"pending": None, "pending_url": None, "decision": None}
    pending = None if charter.is_adopted else charter_pending_proposal(charter)
    decision = charter_adoption_decision(charter) if charter.is_adopted else None
    return {"pending": pending, "pending_url": _proposal_url(pending), "decision": decision}


@require_GET
@login_required
def charter(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    versions = charter_versions(body)
    adopted = next((c for c in versions if c.is_adopted), None)
    draft = versions[0] if versions and not versions[0].is_adopted else None
    current_state = _adoption_context(adopted)
    draft_state = _adoption_context(draft)
    context = {
        "body": body,
        "territory": body.territory,
        "current": adopted,
        "decision": current_state["decision"],
        "draft": draft,
        "pending": draft_state["pending"],
        "pending_url": draft_state["pending_url"],
        "earlier": [c for c in versions if c not in (adopted, draft)],
        "can_write": can_plan_meetings(request.user, body),
    }
    return render(request, "meetings/charter.html", context)


@require_GET
@login_required
def charter_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_charter_for_user(request.user, pk)
    body = version.body
    context = {
        "body": body,
        "territory": body.territory,
        "charter": version,
        "current": current_charter(body),
        "can_write": can_plan_meetings(request.user, body),
        **_adoption_context(version),
    }
    return render(request, "meetings/charter_version.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def charter_new(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """Write the next version (or go on with the draft), prefilled from the latest."""
    body = get_body_for_user(request.user, body_pk)
    _require(can_plan_meetings(request.user, body))
    latest = latest_charter(body)
    draft = latest if latest is not None and not latest.is_adopted else None
    if draft is not None and charter_pending_proposal(draft) is not None:
        messages.error(
            request,
            _(
                "Ce projet de charte est soumis au consentement : il ne change plus tant que "
                "la proposition est en cours."
            ),
        )
        return redirect("meetings:charter_version", pk=draft.pk)
    form = CharterForm(
        request.POST if request.method == "POST" else None,
        initial=CharterForm.initial_from(latest),
    )
    if form.is_valid():
        try:
            version = services.charter_draft_save(body=body, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "La version %(version)d de la charte est enregistrée ; elle reste un projet "
                    "jusqu'à son adoption par consentement."
                )
                % {"version": version.version},
            )
            return redirect("meetings:charter_version", pk=version.pk)
    context = {
        "body": body,
        "territory": body.territory,
        "form": form,
        "latest": latest,
        "draft": draft,
    }
    return render(request, "meetings/charter_form.html", context)


@require_POST
@login_required
def charter_adopt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Soumettre au consentement: the charter is adopted by consent, never recorded
    directly. A consent proposal carries the draft; its page is next."""
    version = get_charter_for_user(request.user, pk)
    body = version.body
    _require(can_plan_meetings(request.user, body))
    try:
        proposal = services.charter_submit(charter=version, proposer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:charter_version", pk=version.pk)
    messages.success(
        request,
        _(
            "Le projet de charte est soumis au consentement des membres : il ne change plus "
            "tant que la proposition est en cours."
        ),
    )
    return redirect(_proposal_url(proposal) or version.get_absolute_url())


# --- Calendar --------------------------------------------------------------------------


@require_GET
@login_required
def body_meetings(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    adopted = current_charter(body)
    context = {
        "body": body,
        "territory": body.territory,
        "calendar": body_calendar(body),
        "charter": adopted,
        "rhythm": schedule.describe(adopted.recurrence) if adopted else "",
        "can_plan": can_plan_meetings(request.user, body),
    }
    return render(request, "meetings/body_meetings.html", context)


@require_POST
@login_required
def generate(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    _require(can_plan_meetings(request.user, body))
    try:
        report = services.meetings_generate(body=body)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:body_meetings", body_pk=body.pk)
    created = len(report.created)
    summary = [
        ngettext(
            "%(count)d réunion planifiée pour l'année à venir.",
            "%(count)d réunions planifiées pour l'année à venir.",
            created,
        )
        % {"count": created}
    ]
    if report.removed:
        summary.append(
            ngettext(
                "%(count)d réunion qui ne suivait plus la charte a été retirée.",
                "%(count)d réunions qui ne suivaient plus la charte ont été retirées.",
                report.removed,
            )
            % {"count": report.removed}
        )
    if report.skipped:
        days = ", ".join(f"{date_format(day)} ({name})" for day, name in report.skipped)
        summary.append(_("Jours fériés sautés : %(days)s.") % {"days": days})
    messages.success(request, " ".join(summary))
    return redirect("meetings:body_meetings", body_pk=body.pk)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """A one-off meeting (a seminar, a co-développement session...)."""
    body = get_body_for_user(request.user, body_pk)
    _require(can_plan_meetings(request.user, body))
    adopted = current_charter(body)
    initial: dict[str, object] = {"format": Meeting.Format.WORKING}
    if adopted is not None:
        initial.update(start_time=adopted.start_time, end_time=adopted.end_time)
    form = MeetingForm(
        request.POST if request.method == "POST" else None, initial=initial, hosts=_hosts(body)
    )
    if form.is_valid():
        try:
            meeting = services.meeting_create(body=body, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La réunion est planifiée."))
            return redirect(meeting)
    context = {"body": body, "territory": body.territory, "form": form, "meeting": None}
    return render(request, "meetings/meeting_form.html", context)


@require_GET
@login_required
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    body = meeting.body
    attendances = meeting_attendances(meeting)
    allowed = meeting_permissions(request.user, meeting)
    context = {
        "meeting": meeting,
        "body": body,
        "territory": body.territory,
        "attendances": attendances,
        "invitees": [] if attendances else meeting_invitees(meeting),
        "codev": schedule.codev_timeline(meeting.starts_at)
        if meeting.format == Meeting.Format.CODEV
        else [],
        "can_move": allowed.move,
        "can_run": allowed.run,
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move or edit one meeting: a generated one keeps the occurrence it replaces."""
    meeting = get_meeting_for_user(request.user, pk)
    body = meeting.body
    _require(meeting_permissions(request.user, meeting).move)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial=MeetingForm.initial_from(meeting),
        hosts=_hosts(body),
    )
    if form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La réunion est modifiée."))
            return redirect(meeting)
    context = {"body": body, "territory": body.territory, "form": form, "meeting": meeting}
    return render(request, "meetings/meeting_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_roles(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Confirm the facilitator, secretary and host, prefilled with the fair suggestion."""
    meeting = get_meeting_for_user(request.user, pk)
    body = meeting.body
    _require(meeting_permissions(request.user, meeting).move)
    suggestion = suggest_roles(meeting)
    initial = {
        "facilitator": meeting.facilitator or suggestion.facilitator,
        "secretary": meeting.secretary or suggestion.secretary,
        "host": meeting.host or suggestion.host,
    }
    members_ids = [person.pk for person in current_members(body)]
    for person_id in (meeting.facilitator_id, meeting.secretary_id):
        if person_id:
            members_ids.append(person_id)
    form = RolesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        members=Person.objects.filter(pk__in=members_ids).order_by("last_name", "first_name"),
        hosts=_hosts(body),
    )
    if form.is_valid():
        try:
            services.meeting_roles_set(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Les rôles de la réunion sont confirmés."))
            return redirect(meeting)
    context = {
        "body": body,
        "territory": body.territory,
        "meeting": meeting,
        "form": form,
        "suggestion": suggestion,
    }
    return render(request, "meetings/roles_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    body = meeting.body
    _require(meeting_permissions(request.user, meeting).run)
    recorded = {a.person_id: a for a in meeting_attendances(meeting)}
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        invitees=meeting_invitees(meeting),
        recorded=recorded,
    )
    if form.is_valid():
        try:
            services.attendance_record(meeting=meeting, entries=form.entries())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Les présences sont enregistrées."))
            return redirect(meeting)
    context = {"body": body, "territory": body.territory, "meeting": meeting, "form": form}
    return render(request, "meetings/attendance_form.html", context)
