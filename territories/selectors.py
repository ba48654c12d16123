"""Reads shared by pages (and later the API): every territory object is reached here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Person
from territories.models import Organisation, Position, Territory, TerritoryMember


def territories_for(user: Person) -> QuerySet[Territory]:
    """The territories a person may open: the operator sees all of them."""
    if not user.is_authenticated:
        return Territory.objects.none()
    if user.is_staff:
        return Territory.objects.all()
    return Territory.objects.filter(members__person=user).distinct()


def get_territory_for_user(user: Person, pk: int) -> Territory:
    return get_object_or_404(territories_for(user), pk=pk)


def is_territory_admin(user: Person, territory: Territory) -> bool:
    if user.is_staff:
        return True
    return TerritoryMember.objects.filter(
        territory=territory, person=user, role=TerritoryMember.Role.ADMIN
    ).exists()


def administered_territories(user: Person) -> QuerySet[Territory]:
    if user.is_staff:
        return Territory.objects.all()
    return Territory.objects.filter(
        members__person=user, members__role=TerritoryMember.Role.ADMIN
    ).distinct()


def organisations_for(user: Person) -> QuerySet[Organisation]:
    return Organisation.objects.filter(territory__in=territories_for(user))


def get_organisation_for_user(user: Person, pk: int) -> Organisation:
    return get_object_or_404(organisations_for(user).select_related("territory", "parent"), pk=pk)


def get_position_for_user(user: Person, pk: int) -> Position:
    return get_object_or_404(
        Position.objects.filter(organisation__territory__in=territories_for(user)).select_related(
            "person", "organisation__territory"
        ),
        pk=pk,
    )


def current_leaders_prefetch() -> Prefetch[Position]:
    """The DGS and secretaries of each organisation, for lists of organisations."""
    return Prefetch(
        "positions",
        queryset=Position.objects.current()
        .filter(function__in=Position.LEADING_FUNCTIONS)
        .select_related("person")
        .order_by("function", "person__last_name"),
        to_attr="current_leaders",
    )


def territory_organisations(territory: Territory) -> QuerySet[Organisation]:
    """Organisations of a territory, EPCI first, then communes by name, with their leaders."""
    return (
        territory.organisations.filter(ended_on__isnull=True)
        .exclude(kind=Organisation.Kind.DELEGATED_COMMUNE)
        .prefetch_related(current_leaders_prefetch())
        .order_by("kind", "name")
    )


def territory_people(territory: Territory) -> QuerySet[Person]:
    return Person.objects.filter(territory_memberships__territory=territory, is_active=True)
