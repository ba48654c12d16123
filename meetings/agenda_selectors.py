"""Reads for the agenda built by everyone, the convocation and the calendar feeds.

Who may do what on an agenda:
- any current member of the body (guests excepted) proposes items while the agenda is
  open (meeting planned or agenda open);
- the meeting's facilitator and the territory's administrators ("managers") order,
  accept, defer and merge items, convene and cancel; once the meeting is convened the
  agenda is frozen for everyone else;
- the person who proposed an item edits it while the agenda is open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from access.permissions import RUN_MEETING, allowed
from access.roles import is_body_member
from access.scopes import bodies_for
from accounts.models import Person
from bodies.models import Body, BodyMembership
from documents.models import Document
from governance.models import Charter
from governance.selectors import current_charter
from meetings.models import AgendaItem, Meeting
from meetings.selectors import next_of_body, with_my_answer

# Without an adopted charter, documents are expected this many days before the meeting.
DEFAULT_NOTICE_DAYS = 7

OPEN_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN)
# Statuses in which a manager may still change the agenda (a change after the
# convocation sends an update).
MANAGER_EDITABLE_STATUSES = (*OPEN_STATUSES, Meeting.Status.CONVENED)
ACTIVE_ITEM_STATUSES = (AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED)
# How many carry-overs back the history of an item is followed.
HISTORY_DEPTH = 10


def can_manage_agenda(user: Person, meeting: Meeting) -> bool:
    """Whoever runs the meeting (access.permissions.RUN_MEETING)."""
    return allowed(user, RUN_MEETING, meeting)


def can_propose(user: Person, meeting: Meeting, *, manager: bool | None = None) -> bool:
    manager = can_manage_agenda(user, meeting) if manager is None else manager
    if manager:
        return meeting.status in MANAGER_EDITABLE_STATUSES
    return meeting.status in OPEN_STATUSES and is_body_member(user, meeting.body)


def can_edit_item(user: Person, item: AgendaItem, *, manager: bool | None = None) -> bool:
    meeting = item.meeting
    manager = can_manage_agenda(user, meeting) if manager is None else manager
    if manager:
        return meeting.status in MANAGER_EDITABLE_STATUSES
    return (
        meeting.status in OPEN_STATUSES
        and item.proposed_by_id == user.pk
        and item.status in ACTIVE_ITEM_STATUSES
    )


def notice_deadline(meeting: Meeting, charter: Charter | None) -> datetime:
    """The moment by which the agenda and its documents should be sent."""
    days = charter.notice_days if charter is not None else DEFAULT_NOTICE_DAYS
    return meeting.starts_at - timedelta(days=days)


def meeting_charter(meeting: Meeting) -> Charter | None:
    if meeting.charter_id is not None:
        return meeting.charter
    return current_charter(meeting.body)


def member_choices(body: Body) -> QuerySet[Person]:
    """The people who may present an item: those who sit in the body now, guests
    included (an expert invited to present is a guest)."""
    people = BodyMembership.objects.current().filter(body=body).values("person_id")
    return Person.objects.filter(pk__in=people, is_active=True).order_by("last_name", "first_name")


def _seat_labels(body: Body) -> dict[int, str]:
    """person id → in which capacity they sit ("DGS · Martinet"), for parity: a small
    commune's proposal is shown with its commune exactly as the EPCI's is."""
    labels: dict[int, str] = {}
    memberships = (
        BodyMembership.objects.current()
        .filter(body=body)
        .select_related("position__organisation")
        .order_by("start_date")
    )
    for membership in memberships:
        if membership.position_id is not None and membership.position is not None:
            labels.setdefault(membership.person_id, membership.position.organisation.name)
        elif membership.capacity:
            labels.setdefault(membership.person_id, membership.capacity)
    return labels


@dataclass
class AgendaEntry:
    item: AgendaItem
    proposer_label: str = ""
    presenter_label: str = ""
    documents: list[Document] = field(default_factory=list)
    late_documents: list[Document] = field(default_factory=list)
    merged: list[AgendaItem] = field(default_factory=list)
    merged_into: AgendaItem | None = None
    # Earlier versions of the item, most recent first (carried over from meeting to meeting).
    history: list[AgendaItem] = field(default_factory=list)
    is_first: bool = False
    is_last: bool = False

    @property
    def pk(self) -> int:
        return self.item.pk


@dataclass
class Agenda:
    meeting: Meeting
    charter: Charter | None
    deadline: datetime
    entries: list[AgendaEntry]
    set_aside: list[AgendaEntry]

    @property
    def planned_minutes(self) -> int:
        return sum(entry.item.duration_minutes for entry in self.entries)

    @property
    def meeting_minutes(self) -> int:
        return int((self.meeting.ends_at - self.meeting.starts_at).total_seconds() // 60)

    @property
    def is_over_time(self) -> bool:
        return self.planned_minutes > self.meeting_minutes

    @property
    def late_document_count(self) -> int:
        return sum(len(entry.late_documents) for entry in self.entries)

    @property
    def has_rounds(self) -> bool:
        kinds = [entry.item.kind for entry in self.entries]
        return kinds.count(AgendaItem.Kind.ROUND) >= 2

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() > self.deadline

    @property
    def proposed(self) -> list[AgendaEntry]:
        """The items still only proposed: convening would put them on the agenda sent as
        they stand (meetings.convocation.meeting_convene), unreviewed."""
        return [e for e in self.entries if e.item.status == AgendaItem.Status.PROPOSED]

    @property
    def ready_to_convene(self) -> bool:
        """Whether "Convoquer" is the next thing to do: some items, each one reviewed."""
        return bool(self.entries) and not self.proposed


def _item_history(items: list[AgendaItem]) -> dict[int, list[AgendaItem]]:
    """For each item, the chain of items it was carried from. One query per generation
    of carry-over, whatever the number of items."""
    known: dict[int, AgendaItem] = {}
    wanted = {item.carried_from_id for item in items if item.carried_from_id}
    for _generation in range(HISTORY_DEPTH):
        wanted -= known.keys()
        if not wanted:
            break
        found = AgendaItem.objects.filter(pk__in=wanted).select_related("meeting")
        known.update({item.pk: item for item in found})
        wanted = {item.carried_from_id for item in found if item.carried_from_id}
    history: dict[int, list[AgendaItem]] = {}
    for item in items:
        chain: list[AgendaItem] = []
        ancestor_id = item.carried_from_id
        while ancestor_id in known and len(chain) < HISTORY_DEPTH:
            ancestor = known[ancestor_id]
            chain.append(ancestor)
            ancestor_id = ancestor.carried_from_id
        history[item.pk] = chain
    return history


# What the agenda shows of each item and of the people named on it: building a thousand
# items is most of the page's time, and their notes and the people's profiles are not
# shown.
ITEM_FIELDS = (
    "meeting_id",
    "title",
    "kind",
    "description",
    "presenter_id",
    "duration_minutes",
    "proposed_by_id",
    "proposed_at",
    "status",
    "position",
    "carried_from_id",
    "merged_into_id",
    "outcome",
)
# In the model's order of fields, as Model.from_db expects them.
PERSON_FIELDS = tuple(
    field.attname
    for field in Person._meta.concrete_fields
    if field.attname in ("first_name", "last_name", "email")
)
DOCUMENT_FIELDS = ("item_id", "title", "uploaded_at")
# The names of the proposer and the presenter come with the item (annotations); each
# person is then built once, however many items they proposed (agenda_for).
_NAME_ANNOTATIONS = {
    f"_{role}_{name}": F(f"{role}__{name}")
    for role in ("proposed_by", "presenter")
    for name in PERSON_FIELDS
}


def agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .only(*ITEM_FIELDS)
        .annotate(**_NAME_ANNOTATIONS)
        .order_by("position", "proposed_at", "pk")
    )


def _attach_people(items: list[AgendaItem]) -> None:
    """Set each item's proposer and presenter from its annotations, one Person per
    person: a thousand items name a few dozen people."""
    people: dict[int, Person] = {}
    for item in items:
        for role in ("proposed_by", "presenter"):
            person_id = getattr(item, f"{role}_id")
            if person_id is None:
                continue
            person = people.get(person_id)
            if person is None:
                # As the database gives it: the fields not read are deferred, not blank.
                values = [person_id, *(getattr(item, f"_{role}_{name}") for name in PERSON_FIELDS)]
                person = Person.from_db(item._state.db, ["id", *PERSON_FIELDS], values)
                people[person_id] = person
            setattr(item, role, person)


def _documents_by_item(meeting: Meeting) -> dict[int, list[Document]]:
    """The latest version of each item's documents, in one query on the meeting (not an
    IN list of every item id)."""
    documents = (
        Document.objects.filter(meeting=meeting, item__isnull=False, next_version__isnull=True)
        .only(*DOCUMENT_FIELDS)
        .order_by("uploaded_at", "pk")
    )
    by_item: dict[int, list[Document]] = {}
    for document in documents:
        by_item.setdefault(document.item_id or 0, []).append(document)
    return by_item


# agenda_for's charter when the caller has not read it yet.
_UNREAD = object()


def agenda_for(meeting: Meeting, charter: Charter | object | None = _UNREAD) -> Agenda:
    """The agenda of a meeting, ready to show: items in order, who proposed each (with
    their organisation), late documents, merged items and carry-over history.

    Queries, whatever the number of items: the charter (when the meeting has none, the
    body's current one), the items with the names of their presenter and proposer, their
    documents, the
    body's seats; then one per generation of carry-over when items were carried over.
    """
    if not isinstance(charter, Charter | None):
        charter = meeting_charter(meeting)  # not given: read here
    deadline = notice_deadline(meeting, charter)
    items = list(agenda_items(meeting))
    _attach_people(items)
    documents_of = _documents_by_item(meeting)
    labels = _seat_labels(meeting.body)
    history = _item_history(items)
    merged: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.merged_into_id is not None:
            merged.setdefault(item.merged_into_id, []).append(item)
    by_id = {item.pk: item for item in items}
    entries: list[AgendaEntry] = []
    set_aside: list[AgendaEntry] = []
    for item in items:
        documents = documents_of.get(item.pk, [])
        entry = AgendaEntry(
            item=item,
            proposer_label=labels.get(item.proposed_by_id or 0, ""),
            presenter_label=labels.get(item.presenter_id or 0, ""),
            documents=documents,
            late_documents=[d for d in documents if d.uploaded_at > deadline],
            merged=merged.get(item.pk, []),
            merged_into=by_id.get(item.merged_into_id or 0),
            history=history.get(item.pk, []),
        )
        (entries if item.status in ACTIVE_ITEM_STATUSES else set_aside).append(entry)
    if entries:
        entries[0].is_first = True
        entries[-1].is_last = True
    return Agenda(
        meeting=meeting, charter=charter, deadline=deadline, entries=entries, set_aside=set_aside
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The body's next meeting that can still receive items."""
    return (
        Meeting.objects.filter(
            body_id=meeting.body_id,
            starts_at__gt=meeting.starts_at,
            status__in=MANAGER_EDITABLE_STATUSES,
        )
        .order_by("starts_at", "pk")
        .first()
    )


def invited_people(meeting: Meeting) -> QuerySet[Person]:
    """Who receives the convocation: those who sit in the body now, guests included."""
    people = BodyMembership.objects.current().filter(body_id=meeting.body_id).values("person_id")
    return Person.objects.filter(pk__in=people, is_active=True).order_by("last_name", "first_name")


# --- Calendar feeds -----------------------------------------------------------------

# A feed shows the meetings of the last months too, so that a calendar keeps them.
FEED_PAST_DAYS = 180


def _feed_meetings(bodies: QuerySet[Body] | list[int]) -> QuerySet[Meeting]:
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return (
        Meeting.objects.filter(body__in=bodies, ends_at__gte=since)
        .select_related("body", "facilitator", "host")
        .order_by("starts_at", "pk")
    )


def person_feed_meetings(person: Person) -> QuerySet[Meeting]:
    """The meetings of the bodies the person sits in now."""
    bodies = BodyMembership.objects.current().filter(person=person).values("body_id")
    return _feed_meetings(Body.objects.filter(pk__in=bodies))


def body_feed_meetings(body: Body) -> QuerySet[Meeting]:
    return _feed_meetings([body.pk])


def get_person_by_feed_token(token: str) -> Person:
    return get_object_or_404(Person, calendar_token=token, is_active=True)


def get_body_by_feed_token(token: str) -> Body:
    return get_object_or_404(Body, calendar_token=token)


def upcoming_meetings_for(person: Person, limit: int = 10) -> QuerySet[Meeting]:
    """The next meetings of the person's bodies, each with their answer (je viens,
    excusé·e, représenté·e, or none yet: `with_my_answer`), in one query."""
    bodies = BodyMembership.objects.current().filter(person=person).values("body_id")
    upcoming = Meeting.objects.filter(body__in=bodies, ends_at__gte=timezone.now())
    return (
        with_my_answer(upcoming, person)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("starts_at", "pk")[:limit]
    )


def feed_bodies_for(person: Person) -> QuerySet[Body]:
    """The bodies whose calendar the person may subscribe to: those they see."""
    return bodies_for(person).filter(archived_on__isnull=True).order_by("circle", "name")


def recent_proposals_for(person: Person, since: datetime) -> QuerySet[AgendaItem]:
    """Items proposed since `since`, by others, in the open agendas of the bodies the
    person sits in: what the daily digest tells."""
    bodies = BodyMembership.objects.current().filter(person=person).values("body_id")
    return (
        AgendaItem.objects.filter(
            meeting__body__in=bodies,
            meeting__status__in=OPEN_STATUSES,
            proposed_at__gte=since,
        )
        .filter(~Q(proposed_by=person) | Q(proposed_by__isnull=True))
        .select_related("meeting__body", "proposed_by", "presenter")
        .order_by("meeting__starts_at", "meeting_id", "position", "pk")
    )


# --- The home page ----------------------------------------------------------------------

# How far ahead the home page looks for an agenda still open to proposals.
OPEN_AGENDA_WINDOW_DAYS = 62


@dataclass(frozen=True)
class OpenAgenda:
    """A meeting whose agenda the person may still add an item to, until `deadline`
    (the notice: the charter's days before the meeting)."""

    meeting: Meeting
    deadline: datetime


def open_agendas_for(person: Person, now: datetime | None = None) -> list[OpenAgenda]:
    """For each body the person sits in as a member (guests do not propose items), the
    next meeting whose agenda is open and whose notice has not closed yet. One query:
    the open meetings of the coming weeks with the notice days of their charter (or of
    the body's charter in force); the first per body is kept here."""
    now = now or timezone.now()
    seats = (
        BodyMembership.objects.current()
        .filter(person=person)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("body_id")
    )
    meetings = (
        Meeting.objects.filter(body__in=seats)
        .filter(_open_to_items(now))
        .annotate(notice_days=_notice_days())
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    return _first_open_per_body(meetings, now)


def _open_to_items(now: datetime) -> Q:
    """A meeting of the coming weeks whose agenda is open."""
    return Q(
        status__in=OPEN_STATUSES,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=OPEN_AGENDA_WINDOW_DAYS),
    )


def _notice_days() -> Coalesce:
    """The notice of the meeting's charter, else of the body's charter in force."""
    in_force = (
        Charter.objects.filter(body_id=OuterRef("body_id"), adopted_on__isnull=False)
        .order_by("-version")
        .values("notice_days")[:1]
    )
    return Coalesce("charter__notice_days", Subquery(in_force), Value(DEFAULT_NOTICE_DAYS))


def _first_open_per_body(meetings: Iterable[Any], now: datetime) -> list[OpenAgenda]:
    """The first meeting per body whose notice has not closed yet, the deadline first
    (the meetings come annotated with `notice_days`)."""
    found: dict[int, OpenAgenda] = {}
    for meeting in meetings:
        deadline = meeting.starts_at - timedelta(days=meeting.notice_days)
        if deadline > now and meeting.body_id not in found:
            found[meeting.body_id] = OpenAgenda(meeting=meeting, deadline=deadline)
    return sorted(found.values(), key=lambda entry: (entry.deadline, entry.meeting.pk))


def upcoming_for(
    person: Person, now: datetime | None = None
) -> tuple[list[Meeting], list[OpenAgenda]]:
    """For the home page, in one query: the next meeting of each body the person sits in
    now (guests too: they are convened), not ended nor cancelled, soonest first, each
    with the person's answer (`with_my_answer`); and `open_agendas_for`'s agendas. The
    rows are the next meeting of each body and the open meetings of the window where
    they sit as a member: bounded by the person's seats."""
    now = now or timezone.now()
    seats = BodyMembership.objects.current().filter(person=person)
    proposes = Exists(
        seats.exclude(role=BodyMembership.Role.GUEST).filter(body_id=OuterRef("body_id"))
    )
    # The next meeting of each body, as a list of ids (one subquery per seat, on the
    # meetings' body index), which keeps the planner on the bodies' meetings only.
    nexts_ids = seats.annotate(next_id=Subquery(next_of_body(now))).values("next_id")
    meetings = list(
        with_my_answer(
            Meeting.objects.filter(body__in=seats.values("body_id"))
            .annotate(proposes=proposes, notice_days=_notice_days())
            .filter(Q(pk__in=nexts_ids) | (Q(proposes=True) & _open_to_items(now))),
            person,
        )
        .select_related("body", "host")
        .order_by("starts_at", "pk")
    )
    window_end = now + timedelta(days=OPEN_AGENDA_WINDOW_DAYS)
    open_to_items = [
        meeting
        for meeting in meetings
        if getattr(meeting, "proposes", False)
        and meeting.status in OPEN_STATUSES
        and now < meeting.starts_at <= window_end
    ]
    first: dict[int, Meeting] = {}
    for meeting in meetings:
        if meeting.ends_at >= now and meeting.status != Meeting.Status.CANCELLED:
            first.setdefault(meeting.body_id, meeting)
    nexts = list(first.values())
    return nexts, _first_open_per_body(open_to_items, now)
