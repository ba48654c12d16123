"""Reads for bodies: every body is reached through `get_body_for_user`."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from territories.models import Position, Territory


def current_memberships(person: Person) -> QuerySet[BodyMembership]:
    return (
        BodyMembership.objects.current()
        .filter(person=person)
        .select_related("body__territory", "position__organisation")
        .order_by("body__circle", "body__name")
    )


# The order in which roles are shown on a body's page; guests are listed apart.
ROLE_ORDER = [
    BodyMembership.Role.FACILITATOR,
    BodyMembership.Role.SECRETARY,
    BodyMembership.Role.DELEGATE,
    BodyMembership.Role.MEMBER,
]


@dataclass(frozen=True)
class Seat:
    """One person in a body, listed once: their seat (membre, délégué·e) and the roles
    they hold beside it (animateur·rice, secrétaire de séance), each its own membership
    with its own dates. `seat` is None for a person who holds only a role."""

    person: Person
    seat: BodyMembership | None
    roles: list[BodyMembership]

    @property
    def main(self) -> BodyMembership:
        """The membership whose capacity and dates the row shows."""
        return self.seat or self.roles[0]

    @property
    def memberships(self) -> list[BodyMembership]:
        return ([self.seat] if self.seat else []) + self.roles


@dataclass(frozen=True)
class BodyMembers:
    """Who sits in a body now (or will, from a set date), one row per person with their
    roles beside their seat (those who hold a role first), and who sat."""

    seats: list[Seat]
    guests: list[BodyMembership]
    past: list[BodyMembership]

    @property
    def count(self) -> int:
        """How many people sit (not guests): one person may hold two roles."""
        return len(self.seats)


def _seats(memberships: list[BodyMembership]) -> list[Seat]:
    """Group the memberships by person; the roles in ROLE_ORDER, people holding a role
    first (facilitator, then secretary, delegate), then the others by name."""
    by_person: dict[int, list[BodyMembership]] = {}
    for membership in memberships:
        by_person.setdefault(membership.person_id, []).append(membership)
    rank: dict[str, int] = {str(role): index for index, role in enumerate(ROLE_ORDER)}
    seats = []
    for held in by_person.values():
        held.sort(key=lambda m: rank.get(m.role, len(rank)))
        plain = [m for m in held if m.role == BodyMembership.Role.MEMBER]
        roles = [m for m in held if m.role != BodyMembership.Role.MEMBER]
        seat = plain[0] if plain else None
        # A second plain seat (rare: a person seated twice) stays visible as a role row.
        seats.append(Seat(person=held[0].person, seat=seat, roles=roles + plain[1:]))
    seats.sort(key=lambda s: rank.get(s.roles[0].role, len(rank)) if s.roles else len(rank))
    return seats


def body_members(body: Body, *, past_limit: int | None = None) -> BodyMembers:
    """Two queries whatever the number of members: the memberships not ended, and the
    ended ones (the `past_limit` most recent if given), each with the person and the
    position (and its organisation)."""
    today = timezone.localdate()
    related = ("person", "position__organisation")
    ongoing = (
        body.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related(*related)
        .order_by("person__last_name", "person__first_name", "start_date")
    )
    sitting: list[BodyMembership] = []
    guests: list[BodyMembership] = []
    for membership in ongoing:
        (guests if membership.is_guest else sitting).append(membership)
    ended = body.memberships.past(today).select_related(*related).order_by("-end_date", "-pk")
    past = list(ended if past_limit is None else ended[:past_limit])
    return BodyMembers(seats=_seats(sitting), guests=guests, past=past)


def body_history(body: Body) -> QuerySet[LogEntry]:
    """The audit trail of a body and of its memberships."""
    types = ContentType.objects.get_for_models(Body, BodyMembership)
    membership_ids = BodyMembership.objects.filter(body=body).values("pk")
    return (
        LogEntry.objects.filter(
            Q(content_type=types[Body], object_id=body.pk)
            | Q(content_type=types[BodyMembership], object_id__in=membership_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def parent_choices(territory: Territory, body: Body | None = None) -> QuerySet[Body]:
    """Bodies that may be the parent of `body` (or of a new body): those of the same
    territory, except the body itself and its descendants."""
    candidates = Body.objects.filter(territory=territory, archived_on__isnull=True)
    if body is None:
        return candidates.order_by("name")
    excluded = {body.pk}
    frontier = {body.pk}
    links = list(Body.objects.filter(territory=territory).values_list("pk", "parent_id"))
    while frontier:
        frontier = {pk for pk, parent_id in links if parent_id in frontier} - excluded
        excluded |= frontier
    return candidates.exclude(pk__in=excluded).order_by("name")


def people_positions(people: QuerySet[Person], territory: Territory) -> QuerySet[Position]:
    """The current positions, in the territory, of the given people."""
    return (
        Position.objects.current()
        .filter(organisation__territory=territory, person__in=people)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "organisation__name")
    )


def first_codir(territory: Territory) -> Body | None:
    """The territory's first strategic codir (the demo's steps and tools build on it)."""
    return (
        Body.objects.filter(territory=territory, kind=Body.Kind.STRATEGIC_CODIR)
        .order_by("pk")
        .first()
    )
