"""Reads for people: every person page is reached through `get_person_for_user`."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Invitation, Person


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


def find_usable_invitation(token: str) -> Invitation | None:
    from accounts.models import hash_token

    return (
        Invitation.objects.select_related("territory", "organisation", "body")
        .filter(token_hash=hash_token(token))
        .first()
    )
