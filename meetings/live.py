"""The live meeting's writes: start, move between items, speaking round, notes, outcome,
close. Each write is one transaction that bumps `Meeting.live_version` and announces the
new version (live_hub.notify_change: NOTIFY on PostgreSQL, delivered at commit and never
after a rollback, and this process's hub after the commit).

Permissions are checked by the views (meeting_permissions(...).run); the services check
what the data forbids (a meeting not in progress, an item of another meeting...). The
reads of the live page and the rules of the speaking round are in live_state.py; the
participants' event streams in live_stream.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import validators
from meetings.agenda_services import agenda_carry_over
from meetings.live_hub import notify_change
from meetings.live_state import next_speaker, round_members
from meetings.models import AgendaItem, Meeting

# --- Writes ----------------------------------------------------------------------------


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _bump(locked: Meeting, meeting: Meeting | None = None, **fields: Any) -> int:
    """Increment the live version in this transaction, with `fields` in the same UPDATE,
    and announce it to the streams (after the commit). Returns the new version."""
    Meeting.objects.filter(pk=locked.pk).update(live_version=F("live_version") + 1, **fields)
    version = Meeting.objects.filter(pk=locked.pk).values_list("live_version", flat=True).get()
    locked.live_version = version
    if meeting is not None:
        meeting.live_version = version
    notify_change(locked.pk, version)
    return version


@transaction.atomic
def live_touch(meeting_id: int) -> int:
    """Something shown on the live page changed elsewhere (a proposal treated on an item:
    decisions/proposals/guards.py): bump the version so that the participants' pages reload."""
    locked = Meeting.objects.select_for_update().get(pk=meeting_id)
    return _bump(locked)


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    """The items treated in the meeting: those accepted on the agenda, in order."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED).order_by(
            "position", "proposed_at", "pk"
        )
    )


def _check_in_progress(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.IN_PROGRESS:
        raise ValidationError(_("La réunion n’est pas en cours."))


def _leave_current(locked: Meeting, now: datetime) -> None:
    """Add the time spent on the current item since it became current."""
    if locked.current_item_id is None or locked.current_item_since is None:
        return
    seconds = max(0, int((now - locked.current_item_since).total_seconds()))
    AgendaItem.objects.filter(pk=locked.current_item_id).update(
        time_spent_seconds=F("time_spent_seconds") + seconds
    )


def _enter(locked: Meeting, item: AgendaItem | None, now: datetime) -> None:
    locked.current_item = item
    locked.current_item_since = now if item is not None else None
    if item is not None and item.started_at is None:
        item.started_at = now
        item.save(update_fields=["started_at"])


def _sync(meeting: Meeting, locked: Meeting) -> None:
    """Copy the live fields onto the caller's instance."""
    for name in (
        "status",
        "started_at",
        "closed_at",
        "current_item_id",
        "current_item_since",
        "live_version",
    ):
        setattr(meeting, name, getattr(locked, name))


# Opening a meeting further ahead than this asks the facilitator to confirm
# (live_views.start): a meeting opened weeks early by a wrong click loses its date.
EARLY_OPENING = timedelta(days=2)


def opens_early(meeting: Meeting, now: datetime | None = None) -> bool:
    return meeting.starts_at - (now or timezone.now()) > EARLY_OPENING


@transaction.atomic
def meeting_start(*, meeting: Meeting) -> Meeting:
    """Open a convened meeting: it is in progress, on its first item."""
    locked = _lock(meeting)
    if locked.status != Meeting.Status.CONVENED:
        raise ValidationError(_("Seule une réunion convoquée peut être ouverte."))
    now = timezone.now()
    agenda = _agenda(locked)
    locked.status = Meeting.Status.IN_PROGRESS
    locked.started_at = now
    _enter(locked, agenda[0] if agenda else None, now)
    locked.save(update_fields=["status", "started_at", "current_item", "current_item_since"])
    _bump(locked)
    _sync(meeting, locked)
    return locked


@transaction.atomic
def meeting_close(*, meeting: Meeting) -> Meeting:
    """Close the meeting (held): the time spent on the current item is recorded and the
    items not treated go to the body's next meeting (agenda_carry_over)."""
    locked = _lock(meeting)
    if locked.status not in (Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS):
        raise ValidationError(_("Seule une réunion convoquée ou en cours peut être close."))
    now = timezone.now()
    _leave_current(locked, now)
    locked.status = Meeting.Status.HELD
    locked.closed_at = now
    locked.started_at = locked.started_at or now
    locked.current_item = None
    locked.current_item_since = None
    locked.save(
        update_fields=["status", "closed_at", "started_at", "current_item", "current_item_since"]
    )
    agenda_carry_over(meeting=locked)
    _bump(locked)
    _sync(meeting, locked)
    return locked


def _move(meeting: Meeting, step: int) -> Meeting:
    locked = _lock(meeting)
    _check_in_progress(locked)
    agenda = _agenda(locked)
    ids = [item.pk for item in agenda]
    # Without a current item (or if it left the agenda), start from the first one.
    current = locked.current_item_id
    target = ids.index(current) + step if current in ids else 0
    if not 0 <= target < len(agenda):
        raise ValidationError(
            _("C’est le dernier point.") if step > 0 else _("C’est le premier point.")
        )
    now = timezone.now()
    _leave_current(locked, now)
    _enter(locked, agenda[target], now)
    # One UPDATE, no save(): the facilitator's "next item" is what every participant
    # waits for (issue 9), and the audit leaves these fields out (audit/registry.py).
    _bump(locked, current_item=locked.current_item, current_item_since=now)
    _sync(meeting, locked)
    return locked


@transaction.atomic
def live_next_item(*, meeting: Meeting) -> Meeting:
    """Go to the next item of the agenda."""
    return _move(meeting, +1)


@transaction.atomic
def live_previous_item(*, meeting: Meeting) -> Meeting:
    """Come back to the previous item (its time keeps adding up)."""
    return _move(meeting, -1)


def _item_in_progress(item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    locked = _lock(item.meeting)
    _check_in_progress(locked)
    fresh = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if fresh.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Ce point n’est pas à l’ordre du jour de la réunion."))
    return locked, fresh


@transaction.atomic
def live_round_next(*, item: AgendaItem) -> AgendaItem:
    """The person whose turn it is has spoken (or passes): the turn goes to the next one
    by name."""
    locked, fresh = _item_in_progress(item)
    speaker = next_speaker(fresh, round_members(locked))
    if speaker is None:
        raise ValidationError(_("Tout le monde a eu la parole."))
    fresh.round_spoken = [*fresh.round_spoken, speaker.pk]
    fresh.save(update_fields=["round_spoken"])
    item.round_spoken = fresh.round_spoken
    _bump(locked, item.meeting)
    return fresh


@transaction.atomic
def live_round_restart(*, item: AgendaItem) -> AgendaItem:
    """Start the speaking round of the item again, from the first name."""
    locked, fresh = _item_in_progress(item)
    fresh.round_spoken = []
    fresh.save(update_fields=["round_spoken"])
    item.round_spoken = []
    _bump(locked, item.meeting)
    return fresh


@transaction.atomic
def item_notes_save(*, item: AgendaItem, notes: str) -> AgendaItem:
    """The secretary's notes on the item (the minutes are drafted from them)."""
    notes = validators.clean_text(notes)  # PostgreSQL refuses NUL: say so, not a 500
    locked, fresh = _item_in_progress(item)
    fresh.notes = notes.replace("\r\n", "\n").strip()
    fresh.save(update_fields=["notes"])
    item.notes = fresh.notes
    _bump(locked, item.meeting)
    return fresh


@transaction.atomic
def item_outcome_set(*, item: AgendaItem, outcome: str) -> AgendaItem:
    """Record what came of the item: noted, opinion given, decision to prepare, deferred
    (a deferred item goes to the next meeting when this one closes)."""
    if outcome not in AgendaItem.Outcome.values:
        raise ValidationError({"outcome": _("Cette issue n’existe pas.")})
    locked, fresh = _item_in_progress(item)
    fresh.outcome = outcome
    fresh.save(update_fields=["outcome"])
    item.outcome = outcome
    _bump(locked, item.meeting)
    return fresh
