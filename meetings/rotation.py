"""Fair rotation of a body's roles: who facilitates, who takes the minutes, which town hall
hosts. The suggestion is whoever served least recently (never served first); ties are
broken by name. Nothing here looks at an organisation's size or kind: parity of voice.

The facilitator or an administrator confirms the suggestion; this module only ranks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from django.db.models import Max, Q, QuerySet

from accounts.models import Person
from bodies.models import Body, BodyMembership
from meetings.models import Meeting
from territories.models import Organisation, Position

T = TypeVar("T")


def rank(
    candidates: Iterable[T],
    *,
    last_served: Mapping[int, datetime],
    key: Callable[[T], int],
    name: Callable[[T], str],
) -> list[T]:
    """Candidates in the order they should serve next: those who never served (by name),
    then those who served longest ago; equal dates by name, then by key."""

    def order(candidate: T) -> tuple[int, datetime | str, str, int]:
        served = last_served.get(key(candidate))
        ident = key(candidate)
        if served is None:
            return (0, "", name(candidate).casefold(), ident)
        return (1, served, name(candidate).casefold(), ident)

    return sorted(candidates, key=order)


def _person_name(person: Person) -> str:
    return f"{person.last_name} {person.first_name}"


def _organisation_name(organisation: Organisation) -> str:
    return organisation.name


def current_members(body: Body) -> list[Person]:
    """The people who sit in the body now, guests excluded, by name."""
    ids = (
        BodyMembership.objects.current()
        .filter(body=body)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("person_id")
    )
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))


def host_candidates(body: Body) -> list[Organisation]:
    """The member organisations, each once: those through which the current members
    sit, and those the members lead (a DGS or a secretary of several communes sits
    once, through one of them, yet each of her communes is a member that hosts in its
    turn). The rotation is over organisations, never over people."""
    seats = (
        BodyMembership.objects.current().filter(body=body).exclude(role=BodyMembership.Role.GUEST)
    )
    through_seat = seats.filter(position__isnull=False).values("position__organisation_id")
    led = (
        Position.objects.current()
        .filter(
            person_id__in=seats.values("person_id"),
            function__in=Position.LEADING_FUNCTIONS,
            organisation__territory_id=body.territory_id,
        )
        .values("organisation_id")
    )
    return list(
        Organisation.objects.filter(
            Q(pk__in=through_seat) | Q(pk__in=led), ended_on__isnull=True
        ).order_by("name", "pk")
    )


def _earlier_meetings(
    body: Body, before: datetime | None, exclude: Meeting | None
) -> QuerySet[Meeting]:
    meetings = body.meetings.exclude(status=Meeting.Status.CANCELLED)
    if before is not None:
        meetings = meetings.filter(starts_at__lt=before)
    if exclude is not None and exclude.pk:
        meetings = meetings.exclude(pk=exclude.pk)
    return meetings


def last_served(
    body: Body, field: str, before: datetime | None = None, exclude: Meeting | None = None
) -> dict[int, datetime]:
    """For each person (or organisation) id in `field` ("facilitator", "secretary" or
    "host"), the start of the last meeting of the body they served (before `before`
    when given), cancelled meetings aside."""
    rows = (
        _earlier_meetings(body, before, exclude)
        .filter(~Q(**{f"{field}__isnull": True}))
        .values(f"{field}_id")
        .annotate(last=Max("starts_at"))
    )
    return {row[f"{field}_id"]: row["last"] for row in rows}


@dataclass(frozen=True)
class RoleSuggestion:
    facilitator: Person | None
    secretary: Person | None
    host: Organisation | None


def suggest_roles(meeting: Meeting) -> RoleSuggestion:
    """Who should facilitate, take the minutes and host this meeting, from what each
    member (and each organisation) did in the body's earlier meetings. The secretary is
    not the suggested facilitator when someone else can take the role."""
    body = meeting.body
    members = current_members(body)
    facilitators = rank(
        members,
        last_served=last_served(body, "facilitator", meeting.starts_at, meeting),
        key=lambda p: p.pk,
        name=_person_name,
    )
    secretaries = rank(
        members,
        last_served=last_served(body, "secretary", meeting.starts_at, meeting),
        key=lambda p: p.pk,
        name=_person_name,
    )
    facilitator = facilitators[0] if facilitators else None
    others = [p for p in secretaries if p != facilitator]
    secretary = others[0] if others else (secretaries[0] if secretaries else None)
    hosts = rank(
        host_candidates(body),
        last_served=last_served(body, "host", meeting.starts_at, meeting),
        key=lambda o: o.pk,
        name=_organisation_name,
    )
    return RoleSuggestion(facilitator, secretary, hosts[0] if hosts else None)


class HostRotation:
    """Hosts for a series of new meetings, in date order: each call gives the
    organisation that hosted least recently, counting every meeting already planned and
    the ones given before in the series."""

    def __init__(self, body: Body) -> None:
        self.candidates = host_candidates(body)
        self.served = last_served(body, "host")

    def next(self, at: datetime) -> Organisation | None:
        ranked = rank(
            self.candidates, last_served=self.served, key=lambda o: o.pk, name=_organisation_name
        )
        if not ranked:
            return None
        self.served[ranked[0].pk] = at
        return ranked[0]
