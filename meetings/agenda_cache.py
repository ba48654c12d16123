"""The agenda page's items, kept rendered per agenda version (issue 9).

Why: an agenda of a thousand items took about 115 ms to load (agenda_selectors.agenda_for)
and write (agenda_rows) on every view, about 35 times the framework's floor, though it
changes a few times a week. The page now reads one number, the meeting's
`agenda_version`, and takes the rows (and the few totals the page shows) from Django's
cache when they were rendered for that version, that viewer's capabilities, language and
time zone.

The version is a column of the meeting, not a cache entry, so that every server process
sees a change at once (with the default per-process LocMemCache too). Anything the rows
show changes it, in the same transaction as the change:
- an item saved or deleted (its meeting, and the meetings of the items carried from it,
  whose history shows it), or written in bulk;
- a document of the meeting saved or deleted;
- the meeting saved (status, date, charter: anything but the live fields);
- a person's name, a seat of the body, an organisation's name (the labels of the rows).
The charter's notice deadline, the next meeting's date (the "reporter au" button), the
language and the time zone are in the key itself.

The version is a new random number at each change (meetings.models.new_agenda_version),
and bulk writes of items bump it themselves (AgendaItemQuerySet).

Production: with several processes, each keeps its own LocMemCache (about 300 KB per
thousand-item agenda and viewer kind; CACHES' default of 300 entries bounds it); a shared
cache (Redis, Memcached: CACHES in settings) renders each version once for all processes.
Correctness never depends on the cache backend: the version lives in the database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from accounts.models import Person
from bodies.models import BodyMembership
from core.signals import rows_changed_in_bulk
from documents.models import Document
from governance.models import Charter
from meetings.agenda_rows import Viewer, agenda_rows
from meetings.agenda_selectors import (
    AgendaEntry,
    agenda_for,
    meeting_charter,
    notice_deadline,
)
from meetings.models import UNSHOWN_ITEM_FIELDS, AgendaItem, Meeting, bump_agendas
from territories.models import Organisation

# An hour: a version is replaced at its first change; this only frees what nobody reads.
TIMEOUT_SECONDS = 3600
# Fields of a meeting the rows never show (the live state, moved at every "next item").
_UNSHOWN_MEETING_FIELDS = frozenset(
    {
        "live_version",
        "current_item",
        "current_item_since",
        "started_at",
        "closed_at",
        "ics_sequence",
    }
)
_NAME_FIELDS = frozenset({"first_name", "last_name"})


def _shown(update_fields: frozenset[str] | None, unshown: frozenset[str]) -> bool:
    return update_fields is None or not set(update_fields) <= unshown


@dataclass
class CachedRows:
    """What the page shows of the entries, rendered once per version and viewer."""

    rows: str
    count: int
    planned_minutes: int
    late_document_count: int
    has_rounds: bool
    set_aside: list[AgendaEntry]
    proposed: list[AgendaEntry]


@dataclass
class AgendaPage:
    """The `agenda` of the page's template: the same names as agenda_selectors.Agenda,
    with the items already rendered (`rows`)."""

    meeting: Meeting
    charter: Charter | None
    deadline: datetime
    cached: CachedRows

    @property
    def rows(self) -> SafeString:
        return mark_safe(self.cached.rows)  # rendered and escaped by agenda_rows

    @property
    def entries(self) -> range:
        """A stand-in of the entries' list: the template only asks whether there are any
        (and how many)."""
        return range(self.cached.count)

    @property
    def set_aside(self) -> list[AgendaEntry]:
        return self.cached.set_aside

    @property
    def planned_minutes(self) -> int:
        return self.cached.planned_minutes

    @property
    def meeting_minutes(self) -> int:
        return int((self.meeting.ends_at - self.meeting.starts_at).total_seconds() // 60)

    @property
    def is_over_time(self) -> bool:
        return self.planned_minutes > self.meeting_minutes

    @property
    def late_document_count(self) -> int:
        return self.cached.late_document_count

    @property
    def has_rounds(self) -> bool:
        return self.cached.has_rounds

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() > self.deadline

    @property
    def proposed(self) -> list[AgendaEntry]:
        return self.cached.proposed

    @property
    def ready_to_convene(self) -> bool:
        """As agenda_selectors.Agenda.ready_to_convene: some items, each one reviewed."""
        return bool(self.cached.count) and not self.cached.proposed


def _viewer_key(meeting: Meeting, viewer: Viewer) -> str:
    """The rows differ by what the viewer may do; by who they are only where members see
    an "edit" link on their own items."""
    open_ = meeting.status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED)
    files = open_ and viewer.may_file_proposal()
    key = f"{int(viewer.can_reorder)}{int(viewer.can_propose)}{int(files)}"
    if viewer.can_propose and not viewer.can_reorder:
        key += f"-{viewer.user_pk}"
    return key


def agenda_page(meeting: Meeting, viewer: Viewer, labels: dict[str, str]) -> AgendaPage:
    """The agenda of the page, its rows from the cache when rendered for this version.
    Queries: the version and the charter (0 or 1), then on a miss those of agenda_for."""
    # Read first: rows rendered below are then at least as fresh as this version.
    version = Meeting.objects.filter(pk=meeting.pk).values_list("agenda_version", flat=True).first()
    charter = meeting_charter(meeting)
    deadline = notice_deadline(meeting, charter)
    words = hashlib.sha256(repr(sorted(labels.items())).encode()).hexdigest()[:16]
    key = ":".join(
        (
            "agenda-rows",
            str(meeting.pk),
            str(version),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            _viewer_key(meeting, viewer),
            deadline.isoformat(),
            words,
        )
    )
    cached: CachedRows | None = cache.get(key)
    if cached is None:
        cached = render_rows(meeting, charter, viewer, labels)
        cache.set(key, cached, TIMEOUT_SECONDS)
    return AgendaPage(meeting=meeting, charter=charter, deadline=deadline, cached=cached)


def render_rows(
    meeting: Meeting, charter: Charter | None, viewer: Viewer, labels: dict[str, str]
) -> CachedRows:
    agenda = agenda_for(meeting, charter)
    return CachedRows(
        rows=str(agenda_rows(agenda, viewer, labels)),
        count=len(agenda.entries),
        planned_minutes=agenda.planned_minutes,
        late_document_count=agenda.late_document_count,
        has_rounds=agenda.has_rounds,
        set_aside=agenda.set_aside,
        proposed=agenda.proposed,
    )


# --- What changes the version -------------------------------------------------------------


@receiver(post_save, sender=AgendaItem)
@receiver(post_delete, sender=AgendaItem)
def _item_changed(instance: AgendaItem, **kwargs: Any) -> None:
    if not _shown(kwargs.get("update_fields"), UNSHOWN_ITEM_FIELDS):
        return
    # The later meetings' items carried from this one show it in their history. Their
    # meetings are read first: an OR across the join to the items made PostgreSQL scan
    # every item of the country at each save (0.5 s at national scale).
    carried_to = AgendaItem.objects.filter(carried_from_id=instance.pk).values_list(
        "meeting_id", flat=True
    )
    bump_agendas(Q(pk__in={instance.meeting_id, *carried_to}))


@receiver(post_save, sender=Document)
@receiver(post_delete, sender=Document)
def _document_changed(instance: Document, **kwargs: Any) -> None:
    if instance.meeting_id is not None:
        bump_agendas(Q(pk=instance.meeting_id))


@receiver(post_save, sender=Meeting)
def _meeting_changed(instance: Meeting, **kwargs: Any) -> None:
    if kwargs.get("created") or not _shown(kwargs.get("update_fields"), _UNSHOWN_MEETING_FIELDS):
        return
    # The history of items carried from this meeting shows its date and its items. The
    # instance gets the same number as the database: a later full save of it keeps it.
    # (Read first, as for an item: no OR across the join.)
    carried_to = AgendaItem.objects.filter(carried_from__meeting_id=instance.pk).values_list(
        "meeting_id", flat=True
    )
    instance.agenda_version = bump_agendas(Q(pk__in={instance.pk, *carried_to}))


@receiver(post_save, sender=Person)
def _person_renamed(instance: Person, created: bool, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if created or (fields is not None and not _NAME_FIELDS & set(fields)):
        return  # a login saves last_login only
    named = AgendaItem.objects.filter(Q(proposed_by=instance) | Q(presenter=instance))
    bump_agendas(Q(pk__in=named.values("meeting_id")))


@receiver(post_save, sender=BodyMembership)
@receiver(post_delete, sender=BodyMembership)
def _seat_changed(instance: BodyMembership, **kwargs: Any) -> None:
    """The rows name each person's seat ("DGS · Martinet")."""
    bump_agendas(Q(body_id=instance.body_id))


@receiver(rows_changed_in_bulk, sender=BodyMembership)
def _seats_changed(**kwargs: Any) -> None:
    bump_agendas(Q())


@receiver(post_save, sender=Organisation)
def _organisation_renamed(instance: Organisation, created: bool, **kwargs: Any) -> None:
    if created:
        return
    seats = BodyMembership.objects.filter(position__organisation=instance)
    bump_agendas(Q(body_id__in=seats.values("body_id")))
