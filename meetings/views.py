"""Pages of a body's calendar: the meetings planned from its charter (governance), one
meeting, its move, its roles and its attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import PLAN_MEETINGS, RECORD_MEETING, RUN_MEETING, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from bodies.models import Body
from core.forms import add_service_errors
from core.french import french_date
from governance.selectors import current_charter
from meetings import rsvp, schedule, services
from meetings.forms import AttendanceForm, MeetingForm, ReplyForm, RolesForm
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rotation import current_members, suggest_roles
from meetings.rsvp_views import CONFIRMATIONS, rsvp_context
from meetings.selectors import (
    body_calendar,
    can_plan_meetings,
    get_meeting_for_user,
    meeting_attendances,
    meeting_invitees,
    meeting_permissions,
)
from territories.models import Organisation


def _hosts(body: Body) -> QuerySet[Organisation]:
    """The organisations that may host a meeting of the body: those of its territory."""
    return Organisation.objects.filter(territory=body.territory, ended_on__isnull=True).order_by(
        "name"
    )


# --- Calendar --------------------------------------------------------------------------


@require_GET
@login_required
def body_meetings(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    adopted = current_charter(body)
    context = {
        "body": body,
        "territory": body.territory,
        "calendar": body_calendar(body, request.GET.get("page")),
        "charter": adopted,
        "rhythm": adopted.rhythm if adopted else "",
        "can_plan": can_plan_meetings(request.user, body),
    }
    return render(request, "meetings/body_meetings.html", context)


@require_POST
@login_required
def generate(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    require(request.user, PLAN_MEETINGS, body)
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
        days = ", ".join(f"{french_date(day)} ({name})" for day, name in report.skipped)
        summary.append(_("Jours fériés sautés : %(days)s.") % {"days": days})
    messages.success(request, " ".join(summary))
    return redirect("meetings:body_meetings", body_pk=body.pk)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """A one-off meeting (a seminar, a co-développement session...)."""
    body = get_body_for_user(request.user, body_pk)
    require(request.user, PLAN_MEETINGS, body)
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


def _detail_context(
    user: Person, meeting: Meeting, reply_form: ReplyForm | None = None
) -> dict[str, Any]:
    body = meeting.body
    # Rows made by the convocation or an answer, not yet recorded at the meeting, are
    # not attendance: the "Qui vient ?" section shows the answers.
    recorded = [a for a in meeting_attendances(meeting) if a.status != Attendance.Status.INVITED]
    allowed = meeting_permissions(user, meeting)
    return {
        "meeting": meeting,
        "body": body,
        "territory": body.territory,
        "attendances": recorded,
        "codev": schedule.codev_timeline(meeting.starts_at)
        if meeting.format == Meeting.Format.CODEV
        else [],
        "can_move": allowed.move,
        "can_run": allowed.run,
        # What the meeting is about, on its own page (one query): the titles only; the
        # agenda page has the rest. Merged items live on in the one they joined.
        "items": list(
            meeting.items.exclude(status=AgendaItem.Status.MERGED)
            .only("pk", "meeting_id", "title", "status", "position")
            .order_by("position", "proposed_at", "pk")
        ),
        **rsvp_context(user, meeting, reply_form),
    }


@require_GET
@login_required
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request.user, meeting))


@require_POST
@login_required
def reply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An invitee answers from the meeting page: htmx swaps the section in place; a plain
    post redirects to the page, or shows it again with the error next to the field."""
    meeting = get_meeting_for_user(request.user, pk)
    form = ReplyForm(request.POST, proxies=rsvp.proxy_choices(meeting, request.user))
    if form.is_valid():
        try:
            rsvp.attendance_reply(
                meeting=meeting,
                person=request.user,
                channel=Attendance.ReplyChannel.PAGE,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = str(CONFIRMATIONS[form.cleaned_data["reply"]])
            if not request.htmx:
                messages.success(request, saved)
                return redirect(meeting)
            # The section again, its form rebuilt from the saved answer.
            context = rsvp_context(request.user, meeting, None, saved)
            return render(request, "meetings/_rsvp.html", context)
    if request.htmx:
        context = rsvp_context(request.user, meeting, form)
        return render(request, "meetings/_rsvp.html", context)
    context = _detail_context(request.user, meeting, form)
    return render(request, "meetings/meeting_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move or edit one meeting: a generated one keeps the occurrence it replaces."""
    meeting = get_meeting_for_user(request.user, pk)
    body = meeting.body
    require(request.user, RUN_MEETING, meeting)
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
    require(request.user, RUN_MEETING, meeting)
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
    require(request.user, RECORD_MEETING, meeting)
    recorded = {a.person_id: a for a in meeting_attendances(meeting)}
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        invitees=meeting_invitees(meeting),
        recorded=recorded,
        proxies=[a.reply_proxy for a in recorded.values() if a.reply_proxy is not None],
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
