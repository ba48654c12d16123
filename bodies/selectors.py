"""Reads for bodies: every body is reached through `get_body_for_user`."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from territories.models import TerritoryMember


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


def current_memberships(person: Person) -> QuerySet[BodyMembership]:
    return (
        BodyMembership.objects.current()
        .filter(person=person)
        .select_related("body__territory", "position__organisation")
        .order_by("body__circle", "body__name")
    )
