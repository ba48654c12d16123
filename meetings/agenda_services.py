"""Writes on the agenda built by everyone. Each one is a single transaction.

Permissions are checked by the views (agenda_selectors.can_*); the services check what
the data itself forbids (a frozen agenda, an item of another meeting...).
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from meetings.agenda_selectors import (
    ACTIVE_ITEM_STATUSES,
    MANAGER_EDITABLE_STATUSES,
    next_meeting,
)
from meetings.convocation import INVITED_STATUSES, meeting_changed, notify_item_proposed
from meetings.models import AgendaItem, Meeting

Direction = Literal["up", "down"]

ROUND_MINUTES = 10

# Items not treated at a meeting: accepted but left without an outcome, or deferred
# (before the meeting, or during it with the outcome "reporté").
NOT_TREATED = (
    Q(status=AgendaItem.Status.ACCEPTED, outcome=AgendaItem.Outcome.NONE)
    | Q(status=AgendaItem.Status.DEFERRED)
    | Q(outcome=AgendaItem.Outcome.DEFERRED)
)


def _check_editable(meeting: Meeting) -> None:
    if meeting.status not in MANAGER_EDITABLE_STATUSES:
        raise ValidationError(_("L'ordre du jour de cette réunion ne peut plus être modifié."))


def _check_fields(title: str, duration_minutes: int) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Donnez un intitulé au point.")
    if duration_minutes < 1:
        errors["duration_minutes"] = _("La durée prévue est d'au moins une minute.")
    if errors:
        raise ValidationError(errors)


def _after_change(meeting: Meeting) -> None:
    """An agenda that was sent changed: send the update."""
    if meeting.status in INVITED_STATUSES:
        meeting_changed(meeting=meeting)


def _next_position(meeting: Meeting) -> int:
    last = meeting.items.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _active(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.select_for_update()
        .filter(meeting=meeting, status__in=ACTIVE_ITEM_STATUSES)
        .order_by("position", "proposed_at", "pk")
    )


def _renumber(items: list[AgendaItem]) -> None:
    changed = []
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])


@transaction.atomic
def item_propose(
    *,
    meeting: Meeting,
    proposed_by: Person,
    title: str,
    kind: str,
    presenter: Person | None,
    duration_minutes: int,
    description: str = "",
) -> AgendaItem:
    """Add an item at the end of the agenda. Proposing opens a planned agenda."""
    _check_editable(meeting)
    _check_fields(title, duration_minutes)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status == Meeting.Status.PLANNED:
        locked.status = Meeting.Status.AGENDA_OPEN
        locked.save(update_fields=["status"])
        meeting.status = locked.status
    item = AgendaItem.objects.create(
        meeting=locked,
        title=title.strip(),
        kind=kind,
        presenter=presenter,
        duration_minutes=duration_minutes,
        description=description.strip(),
        proposed_by=proposed_by,
        proposed_at=timezone.now(),
        # After the convocation only a manager adds items: they are on the agenda at once.
        status=AgendaItem.Status.ACCEPTED
        if locked.status in INVITED_STATUSES
        else AgendaItem.Status.PROPOSED,
        position=_next_position(locked),
    )
    if locked.status in INVITED_STATUSES:
        _after_change(locked)
    else:
        notify_item_proposed(item=item)
    return item


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    title: str,
    kind: str,
    presenter: Person | None,
    duration_minutes: int,
    description: str = "",
) -> AgendaItem:
    _check_editable(item.meeting)
    _check_fields(title, duration_minutes)
    item.title = title.strip()
    item.kind = kind
    item.presenter = presenter
    item.duration_minutes = duration_minutes
    item.description = description.strip()
    item.save(update_fields=["title", "kind", "presenter", "duration_minutes", "description"])
    _after_change(item.meeting)
    return item


@transaction.atomic
def item_move(*, item: AgendaItem, direction: Direction) -> AgendaItem:
    """Move an item one place up or down among the items still on the agenda."""
    _check_editable(item.meeting)
    items = _active(item.meeting)
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        raise ValidationError(_("Ce point n'est plus à l'ordre du jour."))
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(items)
        _after_change(item.meeting)
    return item


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, item_ids: list[int]) -> list[AgendaItem]:
    """Put the items in the given order; it must name every item on the agenda once."""
    _check_editable(meeting)
    items = _active(meeting)
    by_id = {item.pk: item for item in items}
    if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(by_id):
        raise ValidationError(
            _("L'ordre envoyé ne correspond plus à l'ordre du jour : rechargez la page.")
        )
    ordered = [by_id[pk] for pk in item_ids]
    if ordered != items:
        _renumber(ordered)
        _after_change(meeting)
    return ordered


def _set_status(item: AgendaItem, status: str) -> None:
    item.status = status
    item.save(update_fields=["status", "merged_into"])


@transaction.atomic
def item_accept(*, item: AgendaItem) -> AgendaItem:
    _check_editable(item.meeting)
    if item.status != AgendaItem.Status.ACCEPTED:
        was_active = item.status in ACTIVE_ITEM_STATUSES
        item.merged_into = None
        if not was_active:  # back on the agenda, at the end
            item.position = _next_position(item.meeting)
            item.save(update_fields=["position"])
        _set_status(item, AgendaItem.Status.ACCEPTED)
        if not was_active:
            _after_change(item.meeting)
    return item


def _carry(item: AgendaItem, to: Meeting) -> AgendaItem:
    """A copy of the item on a later meeting's agenda, linked to the original."""
    return AgendaItem.objects.create(
        meeting=to,
        title=item.title,
        kind=item.kind,
        description=item.description,
        presenter=item.presenter,
        duration_minutes=item.duration_minutes,
        proposed_by=item.proposed_by,
        proposed_at=timezone.now(),
        status=AgendaItem.Status.PROPOSED,
        position=_next_position(to),
        carried_from=item,
    )


@transaction.atomic
def item_defer(*, item: AgendaItem) -> AgendaItem:
    """Take the item off this agenda. It goes on the body's next meeting at once when
    there is one, otherwise when this meeting is closed (agenda_carry_over)."""
    _check_editable(item.meeting)
    if item.status == AgendaItem.Status.DEFERRED:
        return item
    was_active = item.status in ACTIVE_ITEM_STATUSES
    item.merged_into = None
    _set_status(item, AgendaItem.Status.DEFERRED)
    later = next_meeting(item.meeting)
    if later is not None and not item.carried_to.exists():
        _carry(item, later)
    if was_active:
        _after_change(item.meeting)
    return item


@transaction.atomic
def item_merge(*, item: AgendaItem, into: AgendaItem) -> AgendaItem:
    """Merge an item into another of the same agenda: it is then treated with it."""
    _check_editable(item.meeting)
    if into.meeting_id != item.meeting_id:
        raise ValidationError(_("On ne fusionne que des points de la même réunion."))
    if into.pk == item.pk:
        raise ValidationError(_("Un point ne peut pas être fusionné avec lui-même."))
    if into.status not in ACTIVE_ITEM_STATUSES:
        raise ValidationError(_("Le point choisi n'est plus à l'ordre du jour."))
    was_active = item.status in ACTIVE_ITEM_STATUSES
    # Items already merged into this one follow it.
    AgendaItem.objects.filter(merged_into=item).update(merged_into=into)
    item.merged_into = into
    _set_status(item, AgendaItem.Status.MERGED)
    if was_active:
        _after_change(item.meeting)
    return item


@transaction.atomic
def agenda_add_rounds(*, meeting: Meeting, actor: Person) -> list[AgendaItem]:
    """Add the opening and closing rounds ("tours de table") that are missing: the
    opening one first, the closing one last. Returns the items added."""
    _check_editable(meeting)
    items = _active(meeting)
    titles = {item.title for item in items if item.kind == AgendaItem.Kind.ROUND}
    opening, closing = _("Tour de table d'ouverture"), _("Tour de table de clôture")
    added: list[AgendaItem] = []

    def round_item(title: str, description: str) -> AgendaItem:
        return AgendaItem(
            meeting=meeting,
            title=title,
            kind=AgendaItem.Kind.ROUND,
            description=description,
            duration_minutes=ROUND_MINUTES,
            proposed_by=actor,
            status=AgendaItem.Status.ACCEPTED,
        )

    if opening not in titles:
        first = round_item(
            opening, _("Chacun dit en une phrase comment il arrive et ce qu'il attend.")
        )
        items.insert(0, first)
        added.append(first)
    if closing not in titles:
        last = round_item(closing, _("Chacun dit ce qu'il retient et comment il repart."))
        items.append(last)
        added.append(last)
    for item in added:
        item.position = items.index(item)
        item.save()
    _renumber(items)
    if added:
        _after_change(meeting)
    return added


@transaction.atomic
def agenda_carry_over(*, meeting: Meeting) -> list[AgendaItem]:
    """Carry to the body's next meeting the items not treated: accepted without an
    outcome, deferred during the meeting (outcome "reporté") or before it. Each copy
    points to its original (carried_from), so the item's history is kept. Items already
    carried are not carried twice. Returns the new items; none without a next meeting.
    """
    later = next_meeting(meeting)
    if later is None:
        return []
    already = AgendaItem.objects.filter(carried_from__isnull=False).values("carried_from_id")
    candidates = (
        AgendaItem.objects.filter(meeting=meeting)
        .filter(NOT_TREATED)
        .exclude(pk__in=already)
        .select_related("presenter", "proposed_by")
        .order_by("position", "pk")
    )
    carried = [_carry(item, later) for item in candidates]
    if carried and later.status in INVITED_STATUSES:
        _after_change(later)
    return carried
