"""Reads for people: every person page is reached through `get_person_for_user`."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Invitation, Person
from bodies.models import Body, BodyMembership
from territories.models import Position, Territory


def people_for(user: Person) -> QuerySet[Person]:
    """People a user may see: those of the territories they belong to, those who sit
    with them in a body, and themselves. The operator sees everyone."""
    if not user.is_authenticated:
        return Person.objects.none()
    if user.is_staff:
        return Person.objects.all()
    from bodies.selectors import bodies_for
    from territories.selectors import territories_for

    same_territory = Q(territory_memberships__territory__in=territories_for(user))
    same_body = Q(body_memberships__body__in=bodies_for(user))
    ids = Person.objects.filter(same_territory | same_body | Q(pk=user.pk)).values("pk")
    return Person.objects.filter(pk__in=ids)


def get_person_for_user(user: Person, pk: int) -> Person:
    return get_object_or_404(people_for(user), pk=pk)


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
    from bodies.selectors import bodies_for
    from territories.selectors import territories_for

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


class InvitationState(enum.Enum):
    USABLE = "usable"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"


def invitation_state(invitation: Invitation) -> InvitationState:
    if invitation.accepted_at is not None:
        return InvitationState.USED
    if invitation.revoked_at is not None:
        return InvitationState.REVOKED
    if invitation.is_expired:
        return InvitationState.EXPIRED
    return InvitationState.USABLE


def find_invitation(token: str) -> Invitation | None:
    """The invitation of a link, whatever its state (the caller says why it is
    unusable)."""
    from accounts.models import hash_token

    return (
        Invitation.objects.select_related("territory", "organisation", "body", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def get_invitation_for_user(user: Person, pk: int) -> Invitation:
    """An invitation of a territory the user can open (outsiders get a 404); whether
    they may act on it is the caller's `is_territory_admin` check."""
    from territories.selectors import territories_for

    return get_object_or_404(
        Invitation.objects.filter(territory__in=territories_for(user)).select_related(
            "territory", "body"
        ),
        pk=pk,
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
