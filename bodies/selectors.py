"""Reads for bodies: every body is reached through `get_body_for_user`."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from territories.models import Organisation, Position, Territory, TerritoryMember


def bodies_for(user: Person) -> QuerySet[Body]:
    """A body is visible to its current members (guests included) and to the
    administrators of its territory; the operator sees every body."""
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_staff:
        return Body.objects.all()
    today = timezone.localdate()
    sits_in = Q(
        memberships__person=user,
        memberships__start_date__lte=today,
    ) & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))
    administers = Q(
        territory__members__person=user,
        territory__members__role=TerritoryMember.Role.ADMIN,
    )
    ids = Body.objects.filter(sits_in | administers).values("pk")
    return Body.objects.filter(pk__in=ids)


def get_body_for_user(user: Person, pk: int) -> Body:
    return get_object_or_404(bodies_for(user).select_related("territory", "parent"), pk=pk)


def get_membership_for_user(user: Person, pk: int) -> BodyMembership:
    return get_object_or_404(
        BodyMembership.objects.filter(body__in=bodies_for(user)).select_related(
            "body__territory", "person", "position__organisation"
        ),
        pk=pk,
    )


def can_manage_body(user: Person, body: Body) -> bool:
    from territories.selectors import is_territory_admin

    return is_territory_admin(user, body.territory)


# access: the three checks below moved here from meetings.selectors and decisions.consent
# (governance and meetings, below decisions, use them); the lead moves them to `access`.


def is_body_member(person: Person, body: Body) -> bool:
    """A current member of the body, guests excepted."""
    return (
        BodyMembership.objects.current()
        .filter(body=body, person=person)
        .exclude(role=BodyMembership.Role.GUEST)
        .exists()
    )


def is_body_facilitator(user: Person, body: Body) -> bool:
    """The user holds the body's facilitator role now (a membership with that role)."""
    return (
        user.is_authenticated
        and BodyMembership.objects.current()
        .filter(body=body, person=user, role=BodyMembership.Role.FACILITATOR)
        .exists()
    )


def can_plan_meetings(user: Person, body: Body) -> bool:
    """Administrators of the territory and the body's facilitator plan, move and edit
    meetings, and write a new version of the charter and the reference framework (their
    adoption goes through consent)."""
    return can_manage_body(user, body) or is_body_facilitator(user, body)


def current_memberships(person: Person) -> QuerySet[BodyMembership]:
    return (
        BodyMembership.objects.current()
        .filter(person=person)
        .select_related("body__territory", "position__organisation")
        .order_by("body__circle", "body__name")
    )


def _current_filter(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


def territory_bodies_for(user: Person, territory: Territory) -> QuerySet[Body]:
    """The bodies of a territory the user may see, not dissolved, by circle then name,
    each with `member_count`: how many people sit in it now (guests included)."""
    return (
        bodies_for(user)
        .filter(territory=territory, archived_on__isnull=True)
        .select_related("parent")
        .annotate(
            member_count=Count(
                "memberships__person", filter=_current_filter("memberships__"), distinct=True
            )
        )
        .order_by("circle", "name")
    )


@dataclass(frozen=True)
class Seats:
    """A body and the memberships shown with it."""

    body: Body
    memberships: list[BodyMembership]


def organisation_seats(user: Person, organisation: Organisation) -> list[Seats]:
    """The bodies (visible to the user) in which the people who now hold a function in the
    organisation sit, with who sits there. One query."""
    people = Position.objects.current().filter(organisation=organisation).values("person_id")
    memberships = (
        BodyMembership.objects.current()
        .filter(body__in=bodies_for(user), body__archived_on__isnull=True, person__in=people)
        .select_related("body", "person")
        .order_by("body__circle", "body__name", "person__last_name", "person__first_name")
    )
    seats: dict[int, Seats] = {}
    for membership in memberships:
        seats.setdefault(membership.body_id, Seats(membership.body, [])).memberships.append(
            membership
        )
    return list(seats.values())


# The order in which roles are shown on a body's page; guests are listed apart.
ROLE_ORDER = [
    BodyMembership.Role.FACILITATOR,
    BodyMembership.Role.SECRETARY,
    BodyMembership.Role.DELEGATE,
    BodyMembership.Role.MEMBER,
]


@dataclass(frozen=True)
class RoleGroup:
    role: str
    label: str
    memberships: list[BodyMembership]


@dataclass(frozen=True)
class BodyMembers:
    """Who sits in a body now (or will, from a set date), grouped by role, and who sat."""

    groups: list[RoleGroup]
    guests: list[BodyMembership]
    past: list[BodyMembership]

    @property
    def count(self) -> int:
        """How many people sit (not guests): one person may hold two roles."""
        return len({m.person_id for group in self.groups for m in group.memberships})


def body_members(body: Body) -> BodyMembers:
    """Two queries whatever the number of members: the memberships not ended, and the
    ended ones, each with the person and the position (and its organisation)."""
    today = timezone.localdate()
    related = ("person", "position__organisation")
    ongoing = (
        body.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related(*related)
        .order_by("person__last_name", "person__first_name", "start_date")
    )
    by_role: dict[str, list[BodyMembership]] = {role: [] for role in ROLE_ORDER}
    guests: list[BodyMembership] = []
    for membership in ongoing:
        if membership.is_guest:
            guests.append(membership)
        else:
            by_role.setdefault(membership.role, []).append(membership)
    groups = [
        RoleGroup(role, str(BodyMembership.Role(role).label), members)
        for role, members in by_role.items()
        if members
    ]
    past = list(body.memberships.past(today).select_related(*related).order_by("-end_date", "-pk"))
    return BodyMembers(groups=groups, guests=guests, past=past)


def visible_children(user: Person, body: Body) -> QuerySet[Body]:
    """The sub-bodies of a body that the user may see."""
    return bodies_for(user).filter(parent=body, archived_on__isnull=True).order_by("name")


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
