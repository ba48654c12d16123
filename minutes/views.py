"""Pages of the minutes of a meeting: draft, edit (with a conflict check), review with
amendments, approval, correction, history, and the PDF and ODT exports."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import RECORD_MEETING, require
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from audit.views import render_history
from core.forms import add_service_errors
from core.french import french_date
from core.http import file_response
from core.markdown import render_markdown
from meetings.models import Meeting
from meetings.selectors import get_meeting_for_user
from minutes import exports, services
from minutes.forms import AmendmentForm, DecisionForm, MinutesForm
from minutes.models import Minutes, MinutesAmendment
from minutes.paragraphs import Paragraph, amendment_diff, paragraphs
from minutes.selectors import (
    amendments_of,
    can_amend,
    can_approve,
    can_write_minutes,
    get_amendment_for_user,
    get_minutes_for_user,
    latest_minutes,
    meeting_versions,
    minutes_history,
)


def require_writer(user: Person, meeting: Meeting) -> None:
    """The meeting's secretary and whoever runs it: other members get 403."""
    require(user, RECORD_MEETING, meeting)


def _error(request: AuthenticatedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _review_open(minutes: Minutes) -> bool:
    return (
        minutes.status == Minutes.Status.IN_REVIEW
        and minutes.review_until is not None
        and timezone.localdate() <= minutes.review_until
    )


@require_GET
@login_required
def for_meeting(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    """The latest minutes of the meeting, or the offer to draft them."""
    meeting = get_meeting_for_user(request.user, meeting_pk)
    latest = latest_minutes(meeting)
    if latest is not None:
        return redirect(latest)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "meeting_url": meeting.get_absolute_url(),
        "can_write": can_write_minutes(request.user, meeting),
        "is_held": meeting.status == Meeting.Status.HELD,
    }
    return render(request, "minutes/for_meeting.html", context)


@require_POST
@login_required
def draft(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, meeting_pk)
    require_writer(request.user, meeting)
    try:
        minutes = services.minutes_draft(meeting=meeting, author=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect("minutes:for_meeting", meeting.pk)
    messages.success(
        request, _("Le brouillon est prêt : il reprend les présences, les notes et les issues.")
    )
    return redirect("minutes:edit", minutes.pk)


@require_GET
@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    meeting = minutes.meeting
    can_write = can_write_minutes(request.user, meeting)
    amendments = list(amendments_of(minutes))
    versions = meeting_versions(meeting)
    pending = [a for a in amendments if a.status == MinutesAmendment.Status.PROPOSED]
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "body": meeting.body,
        "territory": meeting.body.territory,
        "meeting_url": meeting.get_absolute_url(),
        "text_html": render_markdown(minutes.text),
        "amendments": [
            (
                a,
                DecisionForm(prefix_pk=a.pk) if can_write and a in pending else None,
                amendment_diff(a.passage, a.replacement),
            )
            for a in amendments
        ],
        "pending_count": len(pending),
        "versions": versions,
        "is_latest": versions[0].pk == minutes.pk,
        "can_write": can_write,
        "can_amend": _review_open(minutes) and can_amend(request.user, minutes),
        "can_approve": (
            minutes.status == Minutes.Status.IN_REVIEW and can_approve(request.user, minutes)
        ),
        # The approval is recorded once the review period is over, not before.
        "review_over": minutes.review_until is not None
        and timezone.localdate() > minutes.review_until,
        "approvable_from": minutes.review_until + timedelta(days=1)
        if minutes.review_until
        else None,
    }
    return render(request, "minutes/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Edit the text. When someone else saved it since this form was opened, the save is
    refused (409) and both texts are shown side by side; the refused text stays in the
    form, now carrying the saved revision, so that saving again is a deliberate choice."""
    minutes = get_minutes_for_user(request.user, pk)
    require_writer(request.user, minutes.meeting)
    if minutes.is_locked:
        messages.error(
            request,
            _("Ce compte-rendu est approuvé : il ne se modifie plus. Proposez une correction."),
        )
        return redirect(minutes)
    initial = {"text": minutes.text, "revision": minutes.revision}
    form = MinutesForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict: Minutes | None = None
    if form.is_valid():
        try:
            services.minutes_update(
                minutes=minutes,
                text=form.cleaned_data["text"],
                revision=form.cleaned_data["revision"],
            )
        except services.MinutesConflict as error:
            conflict = error.current
            data = request.POST.copy()
            data["revision"] = str(conflict.revision)
            form = MinutesForm(data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le compte-rendu est enregistré."))
            return redirect(minutes)
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "minutes/edit.html", context, status=409 if conflict else 200)


@require_POST
@login_required
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    require_writer(request.user, minutes.meeting)
    try:
        minutes = services.minutes_submit(minutes=minutes, by=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect(minutes)
    until = minutes.review_until or timezone.localdate()
    if minutes.approval_item is not None:
        messages.success(
            request,
            _(
                "Le compte-rendu est en relecture jusqu'au %(until)s ; son approbation est "
                "inscrite à l'ordre du jour de la réunion du %(date)s."
            )
            % {
                "until": french_date(until, "DATE_FORMAT"),
                "date": french_date(
                    timezone.localtime(minutes.approval_item.meeting.starts_at), "DATE_FORMAT"
                ),
            },
        )
    else:
        messages.warning(
            request,
            _(
                "Le compte-rendu est en relecture jusqu'au %(until)s, mais aucune réunion "
                "n'est prévue après cette date : la première qui sera planifiée portera son "
                "approbation."
            )
            % {"until": french_date(until, "DATE_FORMAT")},
        )
    return redirect(minutes)


@require_http_methods(["GET", "POST"])
@login_required
def amend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    if not can_amend(request.user, minutes):
        raise PermissionDenied
    if not _review_open(minutes):
        messages.error(request, _("Ce compte-rendu n'est pas ouvert aux amendements."))
        return redirect(minutes)
    items = paragraphs(minutes.text)
    form = AmendmentForm(
        request.POST if request.method == "POST" else None,
        paragraphs=items,
        initial=_amend_initial(items, request.GET.get("paragraphe", "")),
    )
    if form.is_valid():
        try:
            services.amendment_propose(minutes=minutes, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre amendement est proposé au secrétaire de séance."))
            return redirect(reverse("minutes:detail", args=[minutes.pk]) + "#amendements")
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "form": form,
        "paragraphs": items,
    }
    return render(request, "minutes/amend.html", context)


def _amend_initial(items: list[Paragraph], chosen: str) -> dict[str, object]:
    """A paragraph chosen by its link (?paragraphe=3): its text, as displayed, is what
    the member starts from."""
    number = int(chosen) if chosen.isascii() and chosen.isdigit() and len(chosen) < 6 else 0
    paragraph = next((p for p in items if p.number == number), None)
    if paragraph is None:
        return {}
    return {"paragraph": paragraph.number, "replacement": paragraph.plain}


@require_POST
@login_required
def amendment_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The minutes page posts here; on an invalid decision, this page shows it again."""
    amendment = get_amendment_for_user(request.user, pk)
    minutes = amendment.minutes
    require_writer(request.user, minutes.meeting)
    form = DecisionForm(request.POST, prefix_pk=amendment.pk)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == DecisionForm.ACCEPT
        try:
            services.amendment_decide(
                amendment=amendment,
                by=request.user,
                accept=accept,
                reason=form.cleaned_data["decision_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("L'amendement est accepté et appliqué au texte.")
                if accept
                else _("L'amendement est refusé."),
            )
            return redirect(reverse("minutes:detail", args=[minutes.pk]) + "#amendements")
    context = {
        "amendment": amendment,
        "minutes": minutes,
        "form": form,
        "diff": amendment_diff(amendment.passage, amendment.replacement),
    }
    return render(request, "minutes/amendment_decide.html", context)


@require_POST
@login_required
def approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    if not can_approve(request.user, minutes):
        raise PermissionDenied
    try:
        services.minutes_approve(minutes=minutes, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Le compte-rendu est approuvé ; il ne se modifie plus."))
    return redirect(minutes)


@require_POST
@login_required
def correct(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    require_writer(request.user, minutes.meeting)
    try:
        correction = services.minutes_correct(minutes=minutes, by=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect(minutes)
    messages.success(
        request,
        _("Une nouvelle version est ouverte ; la version approuvée reste telle quelle."),
    )
    return redirect("minutes:edit", correction.pk)


@require_GET
@login_required
def pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    name = exports.export_filename(minutes.meeting, f"compte-rendu-v{minutes.version}", "pdf")
    return file_response(exports.minutes_pdf(minutes), "application/pdf", name, inline=True)


@require_GET
@login_required
def odt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    name = exports.export_filename(minutes.meeting, f"compte-rendu-v{minutes.version}", "odt")
    content_type = "application/vnd.oasis.opendocument.text"
    return file_response(exports.minutes_odt(minutes), content_type, name, inline=False)


@require_GET
@login_required
def agenda_pdf(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, meeting_pk)
    name = exports.export_filename(meeting, "ordre-du-jour", "pdf")
    return file_response(exports.agenda_pdf(meeting), "application/pdf", name, inline=True)


@require_GET
@login_required
def history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    return render_history(
        request,
        subject=minutes,
        entries=minutes_history(minutes),
        back_url=minutes.get_absolute_url(),
    )
