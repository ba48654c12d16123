"""What a user may see: the territories, bodies and people in their reach, and the
loaders that fetch one object of the foundation for them (404 otherwise).

Higher apps scope their own objects with `in_visible_bodies` (every object of a body
is visible to whoever sees the body) and load them with `get_visible_or_404`, so that
one rule decides visibility everywhere:

- the operator (staff) sees everything;
- a territory is visible to its members;
- a body is visible to the people who sit in it now (guests included) and to the
  administrators of its territory;
- a person is visible to the members of their territories, to those who sit with them
  in a body, and to themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import get_object_or_404

from accounts.models import Invitation, Person
from bodies.models import Body, BodyMembership, current_on
from core.signals import rows_changed_in_bulk
from territories.models import Organisation, Position, Territory, TerritoryMember

M = TypeVar("M", bound=Model)


# --- Territories -----------------------------------------------------------------------


def territories_for(user: Person) -> QuerySet[Territory]:
    if not user.is_authenticated:
        return Territory.objects.none()
    if user.is_staff:
        return Territory.objects.all()
    return Territory.objects.filter(members__person=user).distinct()


def administered_territories(user: Person) -> QuerySet[Territory]:
    if not user.is_authenticated:
        return Territory.objects.none()
    if user.is_staff:
        return Territory.objects.all()
    return Territory.objects.filter(
        members__person=user, members__role=TerritoryMember.Role.ADMIN
    ).distinct()


def get_territory_for_user(user: Person, pk: int) -> Territory:
    return get_object_or_404(territories_for(user), pk=pk)


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


def get_invitation_for_user(user: Person, pk: int) -> Invitation:
    """An invitation of a territory the user can open; whether they may act on it is the
    `territories.manage_territory` permission."""
    return get_object_or_404(
        Invitation.objects.filter(territory__in=territories_for(user)).select_related(
            "territory", "body"
        ),
        pk=pk,
    )


# --- Bodies and everything that belongs to a body --------------------------------------


# Within one request, each person's visible bodies are read once (access.middleware sets
# this up for each request); outside a request (services, tests, commands) they are read
# afresh each time.
request_bodies: ContextVar[dict[int, list[int]] | None] = ContextVar("request_bodies", default=None)


def visible_body_ids(user: Person) -> list[int] | None:
    """The ids of the bodies the user sees (a short list: where they sit now, and the
    bodies of the territories they administer), or None for the operator, who sees all.

    Lists filter on this literal list (`body_id IN (...)`), which PostgreSQL checks with
    an index, instead of joining seats and territory members for every row."""
    if not user.is_authenticated:
        return []
    if user.is_staff:
        return None
    cache = request_bodies.get()
    if cache is None:
        return _read_body_ids(user)
    if user.pk not in cache:
        cache[user.pk] = _read_body_ids(user)
    return cache[user.pk]


def _read_body_ids(user: Person) -> list[int]:
    """One query: the bodies of the user's current seats, and those of the territories
    they administer."""
    seats = (
        BodyMembership.objects.filter(current_on(), person=user)
        .values_list("body_id", flat=True)
        .order_by()
    )
    administered = (
        Body.objects.filter(
            territory__members__person=user,
            territory__members__role=TerritoryMember.Role.ADMIN,
        )
        .values_list("pk", flat=True)
        .order_by()
    )
    return sorted(set(seats.union(administered)))


def remember_visible_bodies(user: Person, body_ids: Iterable[int]) -> None:
    """What the page has read already, by the rule of `_read_body_ids`: the bodies of the
    user's current seats and those of the territories they administer. The lists scoped
    with `in_visible_bodies` later in the request then read nothing more (the home page
    has both at hand). The operator sees all bodies: nothing to remember."""
    cache = request_bodies.get()
    if cache is None or not user.is_authenticated or user.is_staff:
        return
    cache.setdefault(user.pk, sorted(set(body_ids)))


@receiver(post_save, sender=BodyMembership)
@receiver(post_delete, sender=BodyMembership)
@receiver(rows_changed_in_bulk, sender=BodyMembership)
@receiver(post_save, sender=TerritoryMember)
@receiver(post_delete, sender=TerritoryMember)
@receiver(rows_changed_in_bulk, sender=TerritoryMember)
def _forget_visible_bodies(**kwargs: object) -> None:
    """A seat or an administrator changed during the request, one by one or in bulk
    (bulk_create, update: core.signals): read the bodies again."""
    cache = request_bodies.get()
    if cache is not None:
        cache.clear()


def bodies_for(user: Person) -> QuerySet[Body]:
    ids = visible_body_ids(user)
    if ids is None:
        return Body.objects.all()
    return Body.objects.filter(pk__in=ids)


def person_sees_body(person_path: str, body_path: str) -> Q:
    """A filter on rows whose person (`person_path`, e.g. "owner") sees the row's body
    (`body_path`, e.g. "decision__body"): the rule of `bodies_for`, as subqueries, so that
    a list keeps its query count."""
    sits = BodyMembership.objects.filter(
        current_on(),
        body_id=OuterRef(f"{body_path}_id"),
        person_id=OuterRef(f"{person_path}_id"),
    ).values("pk")
    administers = TerritoryMember.objects.filter(
        territory_id=OuterRef(f"{body_path}__territory_id"),
        person_id=OuterRef(f"{person_path}_id"),
        role=TerritoryMember.Role.ADMIN,
    ).values("pk")
    return Q(Exists(sits)) | Q(Exists(administers)) | Q(**{f"{person_path}__is_staff": True})


def in_visible_bodies(queryset: QuerySet[M], user: Person, body_path: str = "body") -> QuerySet[M]:
    """The objects of `queryset` that belong (through `body_path`) to a body the user
    sees. Every app scopes its own objects with this."""
    ids = visible_body_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{body_path}__in": ids})


def get_visible_or_404(queryset: QuerySet[M], user: Person, pk: int, body_path: str = "body") -> M:
    return get_object_or_404(in_visible_bodies(queryset, user, body_path), pk=pk)


def get_body_for_user(user: Person, pk: int) -> Body:
    return get_object_or_404(bodies_for(user).select_related("territory", "parent"), pk=pk)


def get_membership_for_user(user: Person, pk: int) -> BodyMembership:
    return get_visible_or_404(
        BodyMembership.objects.select_related(
            "body__territory", "person", "position__organisation"
        ),
        user,
        pk,
    )


# --- People ----------------------------------------------------------------------------


def people_for(user: Person) -> QuerySet[Person]:
    if not user.is_authenticated:
        return Person.objects.none()
    if user.is_staff:
        return Person.objects.all()
    same_territory = Q(territory_memberships__territory__in=territories_for(user))
    same_body = Q(body_memberships__body__in=bodies_for(user))
    ids = Person.objects.filter(same_territory | same_body | Q(pk=user.pk)).values("pk")
    return Person.objects.filter(pk__in=ids)


def get_person_for_user(user: Person, pk: int) -> Person:
    return get_object_or_404(people_for(user), pk=pk)


def selectable_people(user: Person, territory: Territory) -> QuerySet[Person]:
    """People an administrator may give a function or a seat in the territory: its members
    and those who sit (or sat) in its bodies, among the people the user may see."""
    in_territory = Q(territory_memberships__territory=territory) | Q(
        body_memberships__body__territory=territory
    )
    ids = Person.objects.filter(in_territory, is_active=True).values("pk")
    return people_for(user).filter(pk__in=ids).order_by("last_name", "first_name", "pk")
