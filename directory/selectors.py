"""Reads of the directory pages, as one viewer may see them: a territory's bodies and
history, the seats of an organisation's people, a person's functions and seats, the
invitations waiting for an answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from access.permissions import MANAGE_TERRITORY, allowed
from access.scopes import bodies_for, territories_for
from accounts.models import Invitation, Person
from audit.selectors import history_for_territory
from bodies.models import Body, BodyMembership, current_on
from territories.models import Organisation, Position, Territory


def territory_bodies_for(user: Person, territory: Territory) -> QuerySet[Body]:
    """The bodies of a territory the user may see, not dissolved, by circle then name,
    each with `member_count`: how many people sit in it now (guests included)."""
    return (
        bodies_for(user)
        .filter(territory=territory, archived_on__isnull=True)
        .select_related("parent")
        .annotate(
            member_count=Count(
                "memberships__person", filter=current_on("memberships__"), distinct=True
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


def visible_children(user: Person, body: Body) -> QuerySet[Body]:
    """The sub-bodies of a body that the user may see."""
    return bodies_for(user).filter(parent=body, archived_on__isnull=True).order_by("name")


@dataclass(frozen=True)
class PersonOverview:
    """A person's functions and seats, as one viewer may see them, split by time."""

    current_positions: list[Position]
    past_positions: list[Position]
    current_memberships: list[BodyMembership]
    past_memberships: list[BodyMembership]


def person_overview(viewer: Person, person: Person) -> PersonOverview:
    """Two queries whatever the length of the history. Territories stay isolated: the
    viewer sees the positions held in their own territories and the seats in bodies
    they can see, not what the person does elsewhere."""

    today = timezone.localdate()
    positions = list(
        Position.objects.filter(person=person, organisation__territory__in=territories_for(viewer))
        .select_related("organisation")
        .order_by("-start_date", "organisation__name")
    )
    memberships = list(
        BodyMembership.objects.filter(person=person, body__in=bodies_for(viewer))
        .select_related("body", "position__organisation")
        .order_by("-start_date", "body__name")
    )

    def ended(end_date: date | None) -> bool:
        return end_date is not None and end_date < today

    return PersonOverview(
        current_positions=[p for p in positions if not ended(p.end_date)],
        past_positions=[p for p in positions if ended(p.end_date)],
        current_memberships=[m for m in memberships if not ended(m.end_date)],
        past_memberships=[m for m in memberships if ended(m.end_date)],
    )


def pending_invitations_for_territory(territory: Territory) -> QuerySet[Invitation]:
    """Invitations of the territory (its bodies' included) still waiting for an answer."""
    return (
        Invitation.objects.pending()
        .filter(territory=territory)
        .select_related("body", "organisation", "invited_by")
        .order_by("expires_at", "email")
    )


def pending_invitations_for_body(body: Body) -> QuerySet[Invitation]:
    return pending_invitations_for_territory(body.territory).filter(body=body)


def territory_history_for_user(user: Person, territory: Territory) -> QuerySet[LogEntry]:
    """A territory's audit trail as a member may read it. Administrators read all of it;
    a member does not read the invitations, nor what happens in a body they do not sit in
    (strict isolation between a body and those outside it)."""

    entries = history_for_territory(territory)
    if allowed(user, MANAGE_TERRITORY, territory):
        return entries
    types = ContentType.objects.get_for_models(Invitation, Body, BodyMembership)
    visible_bodies = bodies_for(user).filter(territory=territory).values("pk")
    visible_memberships = BodyMembership.objects.filter(body__in=visible_bodies).values("pk")
    hidden = (
        Q(content_type=types[Invitation])
        | (Q(content_type=types[Body]) & ~Q(object_id__in=visible_bodies))
        | (Q(content_type=types[BodyMembership]) & ~Q(object_id__in=visible_memberships))
    )
    return entries.exclude(hidden)
