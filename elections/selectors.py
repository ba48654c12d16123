"""Reads of elections. Every election is reached through `get_election_for_user`, scoped to
the bodies the user may see (bodies.selectors.bodies_for): outsiders get 404."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access.permissions import DRIVE_ELECTION, allowed
from access.roles import is_body_member
from access.scopes import in_visible_bodies
from accounts.models import Person
from bodies.models import Body, BodyMembership
from core.deadlines import Deadline
from elections.models import NOTICE_DAYS, Election, Nomination, delegate_capacity
from meetings.rotation import current_members

ELECTED_ROLES = (
    BodyMembership.Role.FACILITATOR,
    BodyMembership.Role.SECRETARY,
    BodyMembership.Role.DELEGATE,
)


def elections_for(user: Person) -> QuerySet[Election]:
    return in_visible_bodies(Election.objects.all(), user)


def get_election_for_user(user: Person, pk: int) -> Election:
    return get_object_or_404(
        elections_for(user).select_related(
            "body__territory", "target_body", "meeting", "elected", "seat", "created_by"
        ),
        pk=pk,
    )


def can_drive(user: Person, body: Body) -> bool:
    """Who opens an election, moves it on and proposes a person: whoever runs the body."""
    return allowed(user, DRIVE_ELECTION, body)


def voters(body: Body) -> list[Person]:
    """Who writes a nomination and may be named: the current members, guests excluded."""
    return current_members(body)


def is_voter(person: Person, body: Body) -> bool:
    return bool(is_body_member(person, body))


def current_nominations(election: Election) -> list[Nomination]:
    """Each member's nomination as it stands: the change if they made one."""
    latest: dict[int, Nomination] = {}
    for nomination in election.nominations.select_related("nominator", "nominee").order_by(
        "created_at", "pk"
    ):
        if nomination.stage == Nomination.Stage.FIRST and nomination.nominator_id in latest:
            continue
        latest[nomination.nominator_id] = nomination
    return sorted(latest.values(), key=lambda n: (n.nominator.last_name, n.nominator.first_name))


@dataclass(frozen=True)
class Tally:
    nominee: Person
    count: int


@dataclass
class NominationBoard:
    """What the election page shows of the nominations. While they are written, only
    who has nominated (never whom) and the user's own; from the reading, everything."""

    voters: list[Person]
    nominated_ids: set[int]
    mine: Nomination | None = None
    my_change: Nomination | None = None
    first: list[Nomination] = field(default_factory=list)
    changes: list[Nomination] = field(default_factory=list)
    tally: list[Tally] = field(default_factory=list)

    @property
    def waiting(self) -> list[Person]:
        return [p for p in self.voters if p.pk not in self.nominated_ids]


def nomination_board(election: Election, user: Person) -> NominationBoard:
    """Two queries: the voters, and the nominations with both people."""
    people = voters(election.body)
    nominations = list(
        election.nominations.select_related("nominator", "nominee", "replaces__nominee").order_by(
            "nominator__last_name", "nominator__first_name", "created_at", "pk"
        )
    )
    board = NominationBoard(
        voters=people,
        nominated_ids={n.nominator_id for n in nominations if n.stage == Nomination.Stage.FIRST},
    )
    for nomination in nominations:
        if nomination.nominator_id == user.pk:
            if nomination.stage == Nomination.Stage.FIRST:
                board.mine = nomination
            else:
                board.my_change = nomination
    if not election.nominations_visible:
        return board
    board.first = [n for n in nominations if n.stage == Nomination.Stage.FIRST]
    board.changes = [n for n in nominations if n.stage == Nomination.Stage.CHANGE]
    changed = {n.nominator_id: n for n in board.changes}
    standing = [changed.get(n.nominator_id, n) for n in board.first]
    counts = Counter(n.nominee_id for n in standing)
    by_id = {n.nominee_id: n.nominee for n in standing}
    board.tally = sorted(
        (Tally(by_id[pk], count) for pk, count in counts.items()),
        key=lambda t: (-t.count, t.nominee.last_name, t.nominee.first_name),
    )
    return board


# --- The body page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    seat: BodyMembership
    next_election_on: date | None


@dataclass(frozen=True)
class BodyElections:
    holders: list[Holder]
    in_progress: list[Election]
    past: list[Election]


def role_holders(body: Body, today: date | None = None) -> list[Holder]:
    """Who holds an elected role now: the body's facilitator and secretary, and its
    delegates in other bodies (their seat's capacity names the body). One query."""
    today = today or timezone.localdate()
    seats = (
        BodyMembership.objects.current(today)
        .filter(
            Q(body=body, role__in=[BodyMembership.Role.FACILITATOR, BodyMembership.Role.SECRETARY])
            | Q(
                body__territory_id=body.territory_id,
                role=BodyMembership.Role.DELEGATE,
                capacity=delegate_capacity(body.name),
            )
        )
        .select_related("person", "body")
        .order_by("role", "person__last_name", "person__first_name")
    )
    order = {role: index for index, role in enumerate(ELECTED_ROLES)}
    holders = [
        Holder(seat, seat.end_date - timedelta(days=NOTICE_DAYS) if seat.end_date else None)
        for seat in seats
    ]
    return sorted(holders, key=lambda h: order.get(BodyMembership.Role(h.seat.role), 9))


def body_elections(body: Body) -> BodyElections:
    """The body's role holders, elections in progress and past ones: three queries."""
    elections = list(
        Election.objects.filter(body=body)
        .select_related("target_body", "elected", "body", "seat")
        .order_by("-created_at", "-pk")
    )
    return BodyElections(
        holders=role_holders(body),
        in_progress=[e for e in elections if e.in_progress],
        past=[e for e in elections if not e.in_progress],
    )


# --- Reminders and the home page ------------------------------------------------------------


def seats_due_for_reminder(today: date | None = None) -> QuerySet[BodyMembership]:
    """Elected roles whose term ends within NOTICE_DAYS and that were not reminded yet
    (a day the command did not run is caught up the next day)."""
    today = today or timezone.localdate()
    return (
        BodyMembership.objects.filter(
            role__in=ELECTED_ROLES,
            end_date__gte=today,
            end_date__lte=today + timedelta(days=NOTICE_DAYS),
            term_reminder__isnull=True,
            body__archived_on__isnull=True,
        )
        .select_related("person", "body__territory")
        .order_by("end_date", "pk")
    )


def electing_body(seat: BodyMembership) -> Body:
    """The body that elects the seat's holder: for a delegate, the body they represent
    (the election that assigned the seat says which), otherwise the seat's body."""
    if seat.role != BodyMembership.Role.DELEGATE:
        return seat.body
    election = Election.objects.filter(seat=seat).select_related("body").first()
    return election.body if election is not None else seat.body


def body_facilitators(body: Body) -> list[Person]:
    ids = (
        BodyMembership.objects.current()
        .filter(body=body, role=BodyMembership.Role.FACILITATOR)
        .values("person_id")
    )
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name"))


def election_deadlines(
    person: Person, today: date | None = None, horizon_days: int = 90
) -> list[Deadline]:
    """For the home page ("mes échéances"): elections where the person has a nomination to
    write, and, for a body's facilitator, the elections due within the horizon (a term
    ending, no election open for the role yet)."""
    today = today or timezone.localdate()
    seats = BodyMembership.objects.current(today).filter(person=person)
    sits_in = seats.exclude(role=BodyMembership.Role.GUEST).values("body_id")
    waiting = (
        Election.objects.filter(body__in=sits_in, phase=Election.Phase.NOMINATION)
        .exclude(nominations__nominator=person)
        .select_related("body", "target_body")
    )
    deadlines = [
        Deadline(
            on=today,
            label=_("Écrire votre nomination : %(role)s") % {"role": election.role_label},
            url=election.get_absolute_url(),
        )
        for election in waiting
    ]
    facilitated = Body.objects.filter(
        pk__in=seats.filter(role=BodyMembership.Role.FACILITATOR).values("body_id")
    )
    for body in facilitated:
        open_roles = {e.role for e in Election.objects.filter(body=body) if e.in_progress}
        for holder in role_holders(body, today):
            due = holder.next_election_on
            if due is None or holder.seat.role in open_roles:
                continue
            if due <= today + timedelta(days=horizon_days):
                deadlines.append(
                    Deadline(
                        on=max(due, today),
                        label=_("Organiser l'élection : %(role)s de « %(body)s »")
                        % {"role": holder.seat.get_role_display(), "body": body.name},
                        url=reverse("elections:create", args=[body.pk])
                        + f"?role={holder.seat.role}",
                    )
                )
    return sorted(deadlines, key=lambda deadline: deadline.on)


def nominations_to_write(person: Person) -> QuerySet[Election]:
    """Elections at the nomination step in a body where the person sits as a member
    (guests do not nominate) and has not written their nomination: oldest first, one
    query."""
    sits_in = (
        BodyMembership.objects.current()
        .filter(person=person)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("body_id")
    )
    written = Nomination.objects.filter(election=OuterRef("pk"), nominator=person)
    return (
        Election.objects.filter(body__in=sits_in, phase=Election.Phase.NOMINATION)
        .exclude(Exists(written))
        .select_related("body", "target_body")
        .order_by("created_at", "pk")
    )


def elections_to_organise(
    bodies: list[Body], today: date | None = None, horizon_days: int = 90
) -> list[Deadline]:
    """For the facilitator of `bodies`: the elections due within the horizon (a term
    ends, no election is in progress for the role). One query whatever the number of
    bodies: the holders of their elected roles, each with whether an election is in
    progress for it. `role_holders` tells the same for one body."""
    if not bodies:
        return []
    today = today or timezone.localdate()
    by_capacity = {delegate_capacity(body.name): body for body in bodies}
    in_progress = Election.objects.exclude(
        phase__in=[Election.Phase.ASSIGNED, Election.Phase.CANCELLED]
    )
    open_election = in_progress.filter(
        Q(body_id=OuterRef("body_id"), role=OuterRef("role"))
        | Q(
            target_body_id=OuterRef("body_id"),
            role=BodyMembership.Role.DELEGATE,
            body__in=[body.pk for body in bodies],
        )
    )
    seats = (
        BodyMembership.objects.current(today)
        .filter(
            Q(
                body__in=[body.pk for body in bodies],
                role__in=[BodyMembership.Role.FACILITATOR, BodyMembership.Role.SECRETARY],
            )
            | Q(
                body__territory_id__in={body.territory_id for body in bodies},
                role=BodyMembership.Role.DELEGATE,
                capacity__in=list(by_capacity),
            ),
            end_date__lte=today + timedelta(days=horizon_days + NOTICE_DAYS),
        )
        .exclude(Exists(open_election))
        .select_related("body")
        .order_by("end_date", "pk")
    )
    deadlines = []
    for seat in seats:
        body = seat.body if seat.role != BodyMembership.Role.DELEGATE else None
        body = body or by_capacity.get(seat.capacity)
        if body is None or seat.end_date is None:
            continue
        deadlines.append(
            Deadline(
                on=max(seat.end_date - timedelta(days=NOTICE_DAYS), today),
                label=_("Organiser l'élection : %(role)s de « %(body)s »")
                % {"role": seat.get_role_display(), "body": body.name},
                url=reverse("elections:create", args=[body.pk]) + f"?role={seat.role}",
            )
        )
    return deadlines
