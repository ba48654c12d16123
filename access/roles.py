"""The roles a person holds, as predicates of the `rules` package.

A predicate takes the user and the object a permission is asked about: a territory, a
body, or anything that belongs to one (a meeting, an agenda item, a proposal, a
decision, an action, a document...). `territory_of`, `body_of` and `meeting_of` find
what the role is held in, by following the object's `body`, `meeting`, `decision`...
attributes, so that higher apps' objects need no code here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from access.scopes import current_seat
from accounts.models import Person
from bodies.models import Body, BodyMembership
from territories.models import Territory, TerritoryMember

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


def seat_roles(user: Person, obj: Any) -> set[str]:
    """The roles the user holds now in the object's body (one query)."""
    body = body_of(obj)
    if body is None or not user.is_authenticated:
        return set()
    return set(
        BodyMembership.objects.filter(current_seat(), body=body, person=user).values_list(
            "role", flat=True
        )
    )


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


@rules.predicate
def is_territory_member(user: Person, obj: Any) -> bool:
    territory_id = territory_id_of(obj)
    return bool(
        user.is_authenticated
        and territory_id is not None
        and TerritoryMember.objects.filter(territory_id=territory_id, person=user).exists()
    )


@rules.predicate
def is_territory_admin(user: Person, obj: Any) -> bool:
    territory_id = territory_id_of(obj)
    return bool(
        user.is_authenticated
        and territory_id is not None
        and TerritoryMember.objects.filter(
            territory_id=territory_id, person=user, role=TerritoryMember.Role.ADMIN
        ).exists()
    )


@rules.predicate
def sits_in_body(user: Person, obj: Any) -> bool:
    """A seat now, guests included."""
    return bool(seat_roles(user, obj))


@rules.predicate
def is_body_member(user: Person, obj: Any) -> bool:
    """A seat now, guests excepted: the members who propose, answer and amend."""
    return bool(seat_roles(user, obj) - {Role.GUEST})


@rules.predicate
def is_body_facilitator(user: Person, obj: Any) -> bool:
    """The facilitator elected (or named) for the term."""
    return Role.FACILITATOR in seat_roles(user, obj)


@rules.predicate
def is_body_secretary(user: Person, obj: Any) -> bool:
    return Role.SECRETARY in seat_roles(user, obj)


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
    runs_body_meetings
    | is_meeting_facilitator
    | (is_meeting_secretary & charter_lets_secretary_run)
)
