"""The roles a person holds, as predicates of the `rules` package.

A predicate takes the user and the object a permission is asked about: a territory, a
body, or anything that belongs to one (a meeting, an agenda item, a proposal, a
decision, an action, a document...). `territory_of`, `body_of` and `meeting_of` find
what the role is held in, by following the object's `body`, `meeting`, `decision`...
attributes, so that higher apps' objects need no code here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

import rules
from django.db.models import Case, CharField, Value, When
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Person
from bodies.models import Body, BodyMembership, current_on
from core.signals import rows_changed_in_bulk
from territories.models import Organisation, Position, Territory, TerritoryMember

Role = BodyMembership.Role

# The attributes followed, in this order, from an object to its body or meeting.
_PARENTS = ("body", "meeting", "item", "decision", "proposal", "minutes", "election", "action")


def body_of(obj: Any) -> Body | None:
    if isinstance(obj, Body):
        return obj
    for attribute in _PARENTS:
        parent = getattr(obj, attribute, None)
        if parent is not None and parent is not obj:
            return body_of(parent)
    return None


def territory_id_of(obj: Any) -> int | None:
    if isinstance(obj, Territory):
        return obj.pk
    body = body_of(obj)
    if body is not None:
        return body.territory_id
    return getattr(obj, "territory_id", None)


def meeting_of(obj: Any) -> Any:
    """The meeting an object belongs to (a meeting is its own), or None."""
    if obj is None or isinstance(obj, Body | Territory):
        return None
    if hasattr(obj, "facilitator_id") and hasattr(obj, "secretary_id"):
        return obj
    for attribute in ("meeting", "item"):
        parent = getattr(obj, attribute, None)
        if parent is not None:
            return meeting_of(parent)
    return None


ADMIN = "territory-admin"  # among the roles below: administers the body's territory
TERRITORY_MEMBER = "territory-member"  # has access to the territory, not as administrator
NOT_SEATS = frozenset({ADMIN, TERRITORY_MEMBER})


# Within one request, each person's roles in each body are read once, however many
# permissions the page asks about (access.middleware sets this up for each request).
request_roles: ContextVar[dict[tuple[int, int, int | None], set[str]] | None] = ContextVar(
    "request_roles", default=None
)


def held_roles(user: Person, obj: Any) -> set[str]:
    """The roles the user holds now in the object's body, and ADMIN when they administer
    its territory (or the territory itself), TERRITORY_MEMBER when they only have access
    to it: one query, once per request."""
    if not user.is_authenticated:
        return set()
    body = body_of(obj)
    territory_id = territory_id_of(obj)
    if territory_id is None:
        return set()
    cache = request_roles.get()
    key = (user.pk, territory_id, body.pk if body is not None else None)
    if cache is None:
        return _read_roles(user, territory_id, body)
    if key not in cache:
        cache[key] = _read_roles(user, territory_id, body)
    return cache[key]


def remember_territory_roles(user: Person, members: Iterable[TerritoryMember]) -> None:
    """What the page has read already: the user's TerritoryMember rows. A permission then
    asked about one of these territories (not about one of its bodies) reads nothing more
    in this request: the role is the one `_read_roles` would find (the home page reads its
    territories this way)."""
    cache = request_roles.get()
    if cache is None:
        return
    for member in members:
        if member.person_id != user.pk:
            continue
        held = ADMIN if member.role == TerritoryMember.Role.ADMIN else TERRITORY_MEMBER
        cache.setdefault((user.pk, member.territory_id, None), {held})


@receiver(post_save, sender=BodyMembership)
@receiver(post_delete, sender=BodyMembership)
@receiver(rows_changed_in_bulk, sender=BodyMembership)
@receiver(post_save, sender=TerritoryMember)
@receiver(post_delete, sender=TerritoryMember)
@receiver(rows_changed_in_bulk, sender=TerritoryMember)
def _forget_roles(**kwargs: object) -> None:
    """A seat or a territory access changed during the request (a person added to a body
    and then shown the body's page, in the same request): read the roles again, as
    access.scopes does for the visible bodies."""
    cache = request_roles.get()
    if cache is not None:
        cache.clear()


def _read_roles(user: Person, territory_id: int, body: Body | None) -> set[str]:
    # The access to the territory comes in the same query: ADMIN, or TERRITORY_MEMBER.
    territory_role = Case(
        When(role=TerritoryMember.Role.ADMIN, then=Value(ADMIN)),
        default=Value(TERRITORY_MEMBER),
        output_field=CharField(),
    )
    access = (
        TerritoryMember.objects.filter(territory_id=territory_id, person=user)
        .annotate(held=territory_role)
        .values_list("held", flat=True)
        .order_by()
    )
    if body is None:
        return set(access)
    seats = (
        BodyMembership.objects.filter(current_on(), body=body, person=user)
        .values_list("role", flat=True)
        .order_by()
    )
    return set(seats.union(access))


def _roles(predicate: Any, user: Person, obj: Any) -> set[str]:
    """`held_roles`, asked once per permission check (rules' context lives that long)."""
    context = predicate.context
    if context is None:
        return held_roles(user, obj)
    if "roles" not in context:
        context["roles"] = held_roles(user, obj)
    roles: set[str] = context["roles"]
    return roles


# --- Who runs meetings where the charter says so ----------------------------------------
# The charter lives above this app (governance); it tells this one, at start-up, whether a
# body's charter lets its secretary run the meetings with the facilitator.

_secretary_runs_meetings: Callable[[Body], bool] = lambda body: False  # noqa: E731


def set_secretary_rule(rule: Callable[[Body], bool]) -> None:
    global _secretary_runs_meetings
    _secretary_runs_meetings = rule


# --- Predicates ------------------------------------------------------------------------


@rules.predicate
def is_operator(user: Person) -> bool:
    return bool(user.is_authenticated and user.is_staff)


@rules.predicate(bind=True)
def is_territory_member(self: Any, user: Person, obj: Any) -> bool:
    """Access to the object's territory (administrators included); asked about a body,
    it reuses the roles the page has read for that body."""
    return bool(_roles(self, user, obj) & NOT_SEATS)


@rules.predicate(bind=True)
def is_territory_admin(self: Any, user: Person, obj: Any) -> bool:
    return ADMIN in _roles(self, user, obj)


@rules.predicate(bind=True)
def sits_in_body(self: Any, user: Person, obj: Any) -> bool:
    """A seat now, guests included."""
    return bool(_roles(self, user, obj) - NOT_SEATS)


@rules.predicate(bind=True)
def is_body_member(self: Any, user: Person, obj: Any) -> bool:
    """A seat now, guests excepted: the members who propose, answer and amend."""
    return bool(_roles(self, user, obj) - NOT_SEATS - {Role.GUEST})


@rules.predicate(bind=True)
def is_body_facilitator(self: Any, user: Person, obj: Any) -> bool:
    """The facilitator elected (or named) for the term."""
    return Role.FACILITATOR in _roles(self, user, obj)


@rules.predicate(bind=True)
def is_body_secretary(self: Any, user: Person, obj: Any) -> bool:
    return Role.SECRETARY in _roles(self, user, obj)


@rules.predicate
def facilitates_a_codir(user: Person, obj: Any) -> bool:
    """The facilitator (now) of a body of the first circle in the object's territory:
    the codir's facilitator carries its relations with the actors around it."""
    territory_id = territory_id_of(obj)
    if territory_id is None or not user.is_authenticated:
        return False
    return BodyMembership.objects.filter(
        current_on(),
        person=user,
        role=Role.FACILITATOR,
        body__territory_id=territory_id,
        body__circle=Body.Circle.CODIR,
    ).exists()


@rules.predicate
def charter_lets_secretary_run(user: Person, obj: Any) -> bool:
    body = body_of(obj)
    return body is not None and _secretary_runs_meetings(body)


@rules.predicate
def is_meeting_facilitator(user: Person, obj: Any) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and user.pk is not None and meeting.facilitator_id == user.pk


@rules.predicate
def is_meeting_secretary(user: Person, obj: Any) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and user.pk is not None and meeting.secretary_id == user.pk


def _is_person(field: str) -> Callable[[Person, Any], bool]:
    def check(user: Person, obj: Any) -> bool:
        return user.pk is not None and getattr(obj, field, None) == user.pk

    check.__name__ = f"is_{field.removesuffix('_id')}"
    return rules.predicate(check)


@rules.predicate
def works_in_organisation(user: Person, obj: Any) -> bool:
    """A current position (secrétaire de mairie, DGS...) in the organisation itself: who
    keeps a commune's own records (its competence grid)."""
    if not isinstance(obj, Organisation) or user.pk is None:
        return False
    return Position.objects.current().filter(person=user, organisation=obj).exists()


presents_item = _is_person("presenter_id")
proposed_it = _is_person("proposer_id")
uploaded_it = _is_person("uploaded_by_id")
owns_it = _is_person("owner_id")


# Whoever runs a body's meetings: the territory's administrators, the body's facilitator
# for the term, and its secretary where the charter says so.
runs_body_meetings = (
    is_operator
    | is_territory_admin
    | is_body_facilitator
    | (is_body_secretary & charter_lets_secretary_run)
)

# Whoever runs one meeting: those, and the facilitator named for this meeting (the
# facilitation rotates), or its secretary where the charter says so.
runs_meeting = (
    is_meeting_facilitator
    | runs_body_meetings
    | (is_meeting_secretary & charter_lets_secretary_run)
)
