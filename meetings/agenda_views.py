"""Pages of the agenda built by everyone, the convocation and the calendar feeds.

Every meeting and item is loaded through get_meeting_for_user / get_item_for_user (an
outsider gets 404); ordering, accepting, deferring, merging, convening and cancelling
are for the meeting's facilitator and the territory's administrators (others get 403).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import CONTRIBUTE, MANAGE_BODY, RUN_MEETING, allowed, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from accounts.models import Person
from core.forms import add_service_errors
from core.french import french_date
from core.tokens import new_calendar_token
from meetings import agenda_services as services
from meetings import ics
from meetings.agenda_cache import agenda_page
from meetings.agenda_forms import ItemForm, MergeForm, MoveForm, parse_ids
from meetings.agenda_rows import Viewer, control_labels
from meetings.agenda_selectors import (
    ACTIVE_ITEM_STATUSES,
    MANAGER_EDITABLE_STATUSES,
    agenda_for,
    body_feed_meetings,
    can_edit_item,
    can_manage_agenda,
    can_propose,
    feed_bodies_for,
    get_body_by_feed_token,
    get_person_by_feed_token,
    invited_people,
    member_choices,
    next_meeting,
    person_feed_meetings,
    upcoming_meetings_for,
)
from meetings.convocation import CONVENABLE, meeting_cancel, meeting_convene
from meetings.models import AgendaItem, Meeting
from meetings.selectors import get_item_for_user, get_meeting_for_user

# The buttons of the agenda page (item_action): their names, in the order they are tried.
ITEM_ACTIONS = ("up", "down", "accept", "defer")


def require_agenda_manager(user: Person, meeting: Meeting) -> None:
    """Whoever runs the meeting; others get 403, told who may act."""
    require(user, RUN_MEETING, meeting)


def _agenda_url(meeting: Meeting, item: AgendaItem | None = None) -> str:
    url = reverse("meetings:agenda", args=[meeting.pk])
    return f"{url}#point-{item.pk}" if item is not None else url


def _meeting_label(meeting: Meeting) -> str:
    return french_date(localtime(meeting.starts_at), "l j F Y")


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- The agenda ----------------------------------------------------------------------


def _agenda_context(user: Person, meeting: Meeting) -> dict[str, Any]:
    manager = can_manage_agenda(user, meeting)
    can_reorder = manager and meeting.status in MANAGER_EDITABLE_STATUSES
    may_propose = can_propose(user, meeting, manager=manager)
    # Where "reporter" sends an item, for whoever orders the agenda.
    later = next_meeting(meeting) if can_reorder else None
    labels = control_labels(later)
    viewer = Viewer(
        user_pk=user.pk,
        can_propose=may_propose,
        can_reorder=can_reorder,
        # Members (not guests) file proposals on decision and opinion items; asked only
        # when the page shows such an item.
        may_file_proposal=lambda: allowed(user, CONTRIBUTE, meeting.body),
    )
    return {
        "meeting": meeting,
        "body": meeting.body,
        "territory": meeting.body.territory,
        # The rows come rendered from the cache for this version of the agenda.
        "agenda": (page := agenda_page(meeting, viewer, labels)),
        "rows": page.rows,
        "control_labels": labels,
        "can_manage": manager,
        "can_propose": may_propose,
        "can_reorder": can_reorder,
        "can_convene": manager and meeting.status in CONVENABLE,
        "can_cancel": manager
        and meeting.status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED),
    }


@require_GET
@login_required
def agenda(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    context = _agenda_context(request.user, meeting)
    if context["can_propose"]:
        context["form"] = ItemForm(presenters=member_choices(meeting.body))
    return render(request, "meetings/agenda/agenda.html", context)


# Other pages link to the proposal form pre-filled (an actor of the networks, a break in
# a user's journey): ?titre=…&texte=… become the initial title and description.
PREFILL = {"titre": "title", "texte": "description"}


def _prefill(request: HttpRequest) -> dict[str, str]:
    """The pre-filled values, validated as the form validates what is typed (length,
    control characters); a value that does not pass is left out. Nothing is saved."""
    given = {field: request.GET.get(param, "") for param, field in PREFILL.items()}
    if request.method != "GET" or not any(given.values()):
        return {}
    probe = ItemForm(
        {**given, "kind": AgendaItem.Kind.INFORMATION, "duration_minutes": 15},
        presenters=Person.objects.none(),
    )
    probe.is_valid()
    return {
        field: probe.cleaned_data[field]
        for field, value in given.items()
        if value and probe.cleaned_data.get(field)
    }


@require_http_methods(["GET", "POST"])
@login_required
def item_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    if not can_propose(request.user, meeting):
        raise PermissionDenied
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        presenters=member_choices(meeting.body),
        initial=_prefill(request),
    )
    if form.is_valid():
        try:
            item = services.item_propose(
                meeting=meeting, proposed_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le point « %s » est proposé.") % item.title)
            return redirect(_agenda_url(meeting, item))
    context = {"meeting": meeting, "body": meeting.body, "form": form, "item": None}
    return render(request, "meetings/agenda/item_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    meeting = item.meeting
    if not can_edit_item(request.user, item):
        raise PermissionDenied
    initial = {
        "title": item.title,
        "kind": item.kind,
        "presenter": item.presenter,
        "duration_minutes": item.duration_minutes,
        "description": item.description,
    }
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        presenters=member_choices(meeting.body),
    )
    if form.is_valid():
        try:
            services.item_update(item=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le point « %s » est modifié.") % item.title)
            return redirect(_agenda_url(meeting, item))
    context = {"meeting": meeting, "body": meeting.body, "form": form, "item": item}
    return render(request, "meetings/agenda/item_form.html", context)


def _move(request: AuthenticatedRequest, item: AgendaItem, direction: str | None) -> HttpResponse:
    form = MoveForm({"direction": direction})
    if not form.is_valid():
        messages.error(request, _("Indiquez s’il faut monter ou descendre le point."))
    else:
        try:
            services.item_move(item=item, direction=form.cleaned_data["direction"])
        except ValidationError as error:
            _refused(request, error)
    return redirect(_agenda_url(item.meeting, item))


@require_POST
@login_required
def item_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The keyboard and no-JavaScript way to order the agenda: one place up or down."""
    item = get_item_for_user(request.user, pk)
    require_agenda_manager(request.user, item.meeting)
    return _move(request, item, request.POST.get("direction"))


@require_POST
@login_required
def item_action(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The buttons of the agenda page: one form for every item, each button naming its
    action (up, down, accept, defer) with the item's id as value (agenda_rows)."""
    meeting = get_meeting_for_user(request.user, pk)
    require_agenda_manager(request.user, meeting)
    action = next((name for name in ITEM_ACTIONS if name in request.POST), None)
    item_id = request.POST.get(action or "", "")
    if action is None or not item_id.isdigit():
        messages.error(request, _("L’action demandée est illisible : rechargez la page."))
        return redirect(_agenda_url(meeting))
    item = get_item_for_user(request.user, int(item_id))
    if item.meeting_id != meeting.pk:
        raise Http404
    if action in ("up", "down"):
        return _move(request, item, action)
    if action == "accept":
        return _accept(request, item)
    return _defer(request, item)


@require_POST
@login_required
def item_reorder(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The drag and drop posts the whole order here (`ids`, in order). With htmx or
    fetch (HX-Request) the answer is the list, to replace the one on the page."""
    meeting = get_meeting_for_user(request.user, pk)
    require_agenda_manager(request.user, meeting)
    ids = parse_ids(request.POST.getlist("ids"))
    error: ValidationError | None = None
    try:
        if ids is None:
            raise ValidationError(_("L’ordre envoyé est illisible : rechargez la page."))
        services.agenda_reorder(meeting=meeting, item_ids=ids)
    except ValidationError as refused:
        error = refused
    if request.htmx:
        if error is not None:
            return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
        context = _agenda_context(request.user, meeting)
        return render(request, "meetings/agenda/_items.html", context)
    if error is not None:
        _refused(request, error)
    else:
        messages.success(request, _("L’ordre du jour est réordonné."))
    return redirect(_agenda_url(meeting))


def _accept(request: AuthenticatedRequest, item: AgendaItem) -> HttpResponse:
    try:
        services.item_accept(item=item)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Le point « %s » est retenu.") % item.title)
    return redirect(_agenda_url(item.meeting, item))


@require_POST
@login_required
def item_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    require_agenda_manager(request.user, item.meeting)
    return _accept(request, item)


def _defer(request: AuthenticatedRequest, item: AgendaItem) -> HttpResponse:
    try:
        services.item_defer(item=item)
    except ValidationError as error:
        _refused(request, error)
    else:
        later = item.carried_to.select_related("meeting").first()
        if later is not None:
            messages.success(
                request,
                _("Le point « %(title)s » est reporté à la réunion du %(date)s.")
                % {"title": item.title, "date": _meeting_label(later.meeting)},
            )
        else:
            messages.success(
                request,
                _(
                    "Le point « %s » est reporté : il sera inscrit à la prochaine réunion "
                    "dès qu’elle sera planifiée."
                )
                % item.title,
            )
    return redirect(_agenda_url(item.meeting))


@require_POST
@login_required
def item_defer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    require_agenda_manager(request.user, item.meeting)
    return _defer(request, item)


@require_http_methods(["GET", "POST"])
@login_required
def item_merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, pk)
    meeting = item.meeting
    require_agenda_manager(request.user, meeting)
    targets = (
        AgendaItem.objects.filter(meeting=meeting, status__in=ACTIVE_ITEM_STATUSES)
        .exclude(pk=item.pk)
        .order_by("position", "pk")
    )
    form = MergeForm(request.POST if request.method == "POST" else None, targets=targets)
    if form.is_valid():
        into = form.cleaned_data["into"]
        try:
            services.item_merge(item=item, into=into)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Le point « %(item)s » est fusionné avec « %(into)s ».")
                % {"item": item.title, "into": into.title},
            )
            return redirect(_agenda_url(meeting, into))
    context = {"meeting": meeting, "body": meeting.body, "item": item, "form": form}
    return render(request, "meetings/agenda/merge_form.html", context)


@require_POST
@login_required
def add_rounds(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    require_agenda_manager(request.user, meeting)
    try:
        added = services.agenda_add_rounds(meeting=meeting, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        if added:
            messages.success(
                request, _("Les tours de table d’ouverture et de clôture sont ajoutés.")
            )
        else:
            messages.info(request, _("Les tours de table sont déjà à l’ordre du jour."))
    return redirect(_agenda_url(meeting))


# --- Convocation and cancellation ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def convene(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (who will be invited, what is missing); POST convenes."""
    meeting = get_meeting_for_user(request.user, pk)
    require_agenda_manager(request.user, meeting)
    if request.method == "POST":
        try:
            meeting_convene(meeting=meeting, actor=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("Réunion convoquée : l’ordre du jour est figé et les invitations partent."),
            )
        return redirect(_agenda_url(meeting))
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "agenda": agenda_for(meeting),
        "people": list(invited_people(meeting)),
        "can_convene": meeting.status in CONVENABLE,
    }
    return render(request, "meetings/agenda/convene.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    require_agenda_manager(request.user, meeting)
    can_cancel = meeting.status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED)
    if request.method == "POST":
        try:
            meeting_cancel(meeting=meeting, actor=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("La réunion est annulée ; les personnes invitées sont prévenues.")
            )
        return redirect(_agenda_url(meeting))
    context = {"meeting": meeting, "body": meeting.body, "can_cancel": can_cancel}
    return render(request, "meetings/agenda/cancel.html", context)


# --- Calendars -----------------------------------------------------------------------


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # The URL is the secret: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@login_required
def meeting_ics(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One meeting, to add it to one's calendar by hand."""
    meeting = get_meeting_for_user(request.user, pk)
    items = [entry.item for entry in agenda_for(meeting).entries]
    content = ics.meeting_file_ics(meeting, items=items)
    return _calendar_response(content, f"reunion-{meeting.pk}.ics")


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public URL whose token is the secret: the meetings of the bodies the person sits
    in now. An unknown (or renewed) token is a 404."""
    person = get_person_by_feed_token(token)
    content = ics.feed_ics(person_feed_meetings(person), name=_("Codir · %s") % person.full_name)
    return _calendar_response(content, "codir.ics")


@require_GET
def body_feed(request: HttpRequest, token: str) -> HttpResponse:
    body = get_body_by_feed_token(token)
    content = ics.feed_ics(body_feed_meetings(body), name=_("Codir · %s") % body.name)
    return _calendar_response(content, "codir-instance.ics")


@require_POST
@login_required
def feed_renew(request: AuthenticatedRequest) -> HttpResponse:
    """A new secret for my feed: the old address stops working."""
    request.user.calendar_token = new_calendar_token()
    request.user.save(update_fields=["calendar_token"])
    messages.success(
        request,
        _("Votre adresse d’abonnement est renouvelée : l’ancienne ne fonctionne plus."),
    )
    return redirect("meetings:my_calendar")


@require_POST
@login_required
def body_feed_renew(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    if not allowed(request.user, MANAGE_BODY, body):
        raise PermissionDenied
    body.calendar_token = new_calendar_token()
    body.save(update_fields=["calendar_token"])
    messages.success(
        request,
        _("L’adresse d’abonnement de « %s » est renouvelée : l’ancienne ne fonctionne plus.")
        % body.name,
    )
    return redirect("meetings:my_calendar")


def _feed_url(path: str) -> str:
    return settings.SITE_URL + path


@require_GET
@login_required
def my_calendar(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    bodies = [
        {
            "body": body,
            "url": _feed_url(reverse("meetings:body_feed", args=[body.calendar_token])),
            "can_renew": allowed(user, MANAGE_BODY, body),
        }
        for body in feed_bodies_for(user)
    ]
    context = {
        "meetings": list(upcoming_meetings_for(user)),
        "feed_url": _feed_url(reverse("meetings:person_feed", args=[user.calendar_token])),
        "bodies": bodies,
    }
    return render(request, "meetings/agenda/my_calendar.html", context)
