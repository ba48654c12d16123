"""The home page's reads: what needs the person, most urgent first, then their bodies,
functions and territories.

Each section is fed by a selector of the app that owns its objects and is bounded:
the page shows the first `HOME_LIMIT` rows of each list and a link to the full one.
Queries, whatever the data size (tests/test_home.py asserts it): the person's seats,
functions and territories (with the bodies of those they administer: access then knows
their visible bodies and their role in these territories for the rest of the request),
then one per section (one for the next meetings and the open agendas, two for the
actions: theirs and their communes' rows), the invitations for a territory's
administrator and the elections to organise for a body's facilitator, and the next
steps of the relations with actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from access.roles import remember_territory_roles
from access.scopes import remember_visible_bodies, territories_for
from accounts.models import Invitation, Person
from bodies.models import Body, BodyMembership
from bodies.selectors import current_memberships
from core.deadlines import Deadline
from core.french import agree
from decisions.models import Proposal
from decisions.proposals.selectors import awaiting_answer_for
from elections.models import Election
from elections.selectors import elections_to_organise, nominations_to_write
from followup.models import Action, Implementation
from followup.selectors import my_actions, my_rows
from meetings.agenda_selectors import OpenAgenda, upcoming_for
from meetings.models import Attendance, Meeting
from minutes.models import Minutes
from minutes.selectors import minutes_to_review
from networks.selectors import next_steps_for
from reflection.models import MirrorSession
from reflection.selectors import waiting_for
from territories.models import Position, Territory, TerritoryMember

DEADLINE_HORIZON_DAYS = 90  # "terms ending soon": the next three months
HOME_LIMIT = 5  # rows shown per section; the full list is one link away
HOME_ACTIONS = 8  # "Mes actions" lists them all
ALL_LIMIT = 50  # the page behind "voir tout": bounded too
# "Mes instances", "Mes fonctions": a national install has people who sit in many bodies;
# the rest are on their own page (people:person_detail).
HOME_SEATS = 12

T = TypeVar("T")


@dataclass(frozen=True)
class Capped(Generic[T]):
    """The first rows of a list and whether there are more (read one more than shown)."""

    items: list[T]
    more: bool

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Any:
        return iter(self.items)


def capped(rows: Iterable[T], limit: int = HOME_LIMIT) -> Capped[T]:
    if isinstance(rows, QuerySet):
        rows = rows[: limit + 1]
    found: list[T] = list(rows)
    return Capped(items=found[:limit], more=len(found) > limit)


# --- The person's seats, functions, territories -------------------------------------------


@dataclass
class BodySeats:
    """One line per body: the person's roles there (a facilitator is also a member)."""

    body: Body
    memberships: list[BodyMembership] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        return [str(m.get_role_display()) for m in self.memberships]

    @property
    def capacity(self) -> str:
        return next((m.capacity_label for m in self.memberships if m.capacity_label), "")


def seats_by_body(memberships: list[BodyMembership]) -> list[BodySeats]:
    """The person's current seats grouped by body, in the order they come (circle,
    name): a body is listed once whatever the number of roles held there."""
    by_body: dict[int, BodySeats] = {}
    for membership in memberships:
        seats = by_body.setdefault(membership.body_id, BodySeats(membership.body))
        seats.memberships.append(membership)
    return list(by_body.values())


def current_positions(person: Person) -> QuerySet[Position]:
    return (
        Position.objects.current()
        .filter(person=person)
        .select_related("organisation__territory")
        .order_by("organisation__name")
    )


def my_territories(person: Person) -> QuerySet[Territory]:
    """The person's territories, each with `administered`: whether they administer it."""
    administers = TerritoryMember.objects.filter(
        territory=OuterRef("pk"), person=person, role=TerritoryMember.Role.ADMIN
    )
    return territories_for(person).annotate(administered=Exists(administers)).order_by("name", "pk")


@dataclass(frozen=True)
class MyTerritories:
    territories: Capped[Territory]
    administered_bodies: list[int]  # the bodies of the territories they administer


def my_territories_and_bodies(person: Person, limit: int) -> MyTerritories:
    """`my_territories` (the first `limit`), with the bodies of those the person
    administers, in one query: their territory accesses, each with its territory and,
    for an administrator, one row per body of the territory. Access then knows, for the
    rest of the request, the person's visible bodies and their role in these territories
    (access.scopes.remember_visible_bodies, access.roles.remember_territory_roles): the
    page's lists and permission checks read them no more. The operator sees everything:
    their territories are read as before."""
    if person.is_staff:
        return MyTerritories(capped(my_territories(person), limit), [])
    rows = (
        TerritoryMember.objects.filter(person=person)
        .select_related("territory")
        .annotate(
            administered_bodies=FilteredRelation(
                "territory__bodies", condition=Q(role=TerritoryMember.Role.ADMIN)
            ),
            administered_body=F("administered_bodies__pk"),
        )
        .order_by("territory__name", "territory_id")
    )
    members: dict[int, TerritoryMember] = {}
    bodies: list[int] = []
    for row in rows:
        members.setdefault(row.territory_id, row)
        if row.administered_body is not None:
            bodies.append(row.administered_body)
    remember_territory_roles(person, members.values())
    territories = []
    for member in members.values():
        administered = member.role == TerritoryMember.Role.ADMIN
        member.territory.administered = administered  # type: ignore[attr-defined]
        territories.append(member.territory)
    return MyTerritories(capped(territories, limit), bodies)


# --- What needs me ------------------------------------------------------------------------


@dataclass(frozen=True)
class NextMeeting:
    """A body's next meeting, seen by one of its members."""

    meeting: Meeting
    days: int  # from today: 0 today, 1 tomorrow

    @property
    def convened(self) -> bool:
        return self.meeting.status in (Meeting.Status.CONVENED, Meeting.Status.IN_PROGRESS)

    @property
    def answer(self) -> str:
        """The person's attendance as recorded ("" when nothing is recorded).

        Hook for the attendance answers (je viens, excusé·e, représenté·e par): the
        status and proxy come from meetings.Attendance, so that an answer given on the
        meeting page shows here without a change to this page."""
        return getattr(self.meeting, "my_status", None) or ""

    @property
    def proxy(self) -> str:
        first = getattr(self.meeting, "my_proxy_first", None) or ""
        last = getattr(self.meeting, "my_proxy_last", None) or ""
        return f"{first} {last}".strip()

    @property
    def when(self) -> str:
        return when(self.days)

    @property
    def answered(self) -> bool:
        """Whether the person said something (or the secretary recorded them): until
        then the page asks them to say whether they come."""
        return self.answer not in ("", Attendance.Status.INVITED)

    @property
    def answer_label(self) -> str:
        """What the person said ("" when nothing is said yet)."""
        Status = Attendance.Status
        if self.answer == Status.PRESENT:
            return _("vous venez")
        if self.answer == Status.EXCUSED:
            return _("vous êtes excusé·e")
        if self.answer == Status.REPRESENTED:
            if self.proxy:
                return _("vous êtes représenté·e par %(name)s") % {"name": self.proxy}
            return _("vous êtes représenté·e")
        if self.answer == Attendance.Reply.TENTATIVE:
            return _("vous viendrez peut-être")
        if self.answer == Status.ABSENT:
            return _("absent·e")
        return ""


def when(days: int) -> str:
    """ "aujourd'hui", "demain", "dans 3 jours"; "il y a 2 jours" for a date past."""
    if days == 0:
        return _("aujourd’hui")
    if days == 1:
        return _("demain")
    if days < 0:
        return ngettext("il y a %(n)s jour", "il y a %(n)s jours", -days) % {"n": -days}
    return ngettext("dans %(n)s jour", "dans %(n)s jours", days) % {"n": days}


def _days_until(moment: datetime, today: date) -> int:
    return (timezone.localdate(moment) - today).days


def next_meetings(
    meetings: list[Meeting], today: date, limit: int = HOME_LIMIT
) -> Capped[NextMeeting]:
    found = capped(meetings, limit)
    return Capped(
        items=[NextMeeting(m, _days_until(m.starts_at, today)) for m in found.items],
        more=found.more,
    )


def minutes_waiting(person: Person, today: date, limit: int = HOME_LIMIT) -> Capped[Minutes]:
    return capped(minutes_to_review(person, today), limit)


def rounds_waiting(person: Person, limit: int = HOME_LIMIT) -> Capped[Proposal]:
    return capped(awaiting_answer_for(person), limit)


def mirrors_waiting(person: Person, limit: int = HOME_LIMIT) -> Capped[MirrorSession]:
    """The open opérations miroir that wait for the person's answer (one query)."""
    return capped(waiting_for(person), limit)


def nominations_waiting(person: Person, limit: int = HOME_LIMIT) -> Capped[Election]:
    return capped(nominations_to_write(person), limit)


@dataclass(frozen=True)
class MyActions:
    """The open actions and communes' rows the person owns, overdue first."""

    actions: list[Action]
    rows: list[Implementation]
    more: bool

    def __bool__(self) -> bool:
        return bool(self.actions or self.rows)


def my_open_actions(person: Person, limit: int = HOME_ACTIONS) -> MyActions:
    """Two queries: the actions, the implementation rows (one more than shown, to know
    whether there are more). Dated ones first, the earliest (overdue) first."""
    due_first = (F("due_on").asc(nulls_last=True), "pk")
    actions = list(my_actions(person).order_by(*due_first)[: limit + 1])
    rows = list(my_rows(person).order_by(*due_first)[: limit + 1])
    more = len(actions) > limit or len(rows) > limit
    return MyActions(actions=actions[:limit], rows=rows[:limit], more=more)


def terms_ending(
    person: Person,
    memberships: list[BodyMembership],
    positions: list[Position],
    territories: list[Territory],
    today: date,
    limit: int = HOME_LIMIT,
) -> Capped[Deadline]:
    """Roles and functions ending in the next three months (read with the seats and
    functions: no query), the elections a facilitator has to organise (one query), the
    next steps of the relations with actors the person carries (one query), and,
    for a territory's administrator, the invitations about to expire unanswered (one
    query)."""
    horizon = today + timedelta(days=DEADLINE_HORIZON_DAYS)
    deadlines: list[Deadline] = []
    for membership in memberships:
        if membership.end_date is not None and membership.end_date <= horizon:
            deadlines.append(
                Deadline(
                    on=membership.end_date,
                    label=_("Fin de votre rôle (%(role)s) dans « %(body)s »")
                    % {
                        "role": agree(membership.get_role_display(), person),
                        "body": membership.body.name,
                    },
                    url=membership.body.get_absolute_url(),
                )
            )
    for position in positions:
        if position.end_date is not None and position.end_date <= horizon:
            deadlines.append(
                Deadline(
                    on=position.end_date,
                    label=_("Fin de votre fonction : %(position)s") % {"position": position},
                    url=position.organisation.get_absolute_url(),
                )
            )
    facilitated = {
        m.body_id: m.body for m in memberships if m.role == BodyMembership.Role.FACILITATOR
    }
    deadlines += elections_to_organise(list(facilitated.values()), today, DEADLINE_HORIZON_DAYS)
    # The next steps of the relations with the actors around the territory the person
    # carries (one query).
    deadlines += next_steps_for(person, horizon)
    administered = [t for t in territories if getattr(t, "administered", False)]
    if administered or person.is_staff:
        invitations = (
            Invitation.objects.pending()
            .filter(expires_at__date__lte=horizon)
            .select_related("territory")
            .order_by("expires_at", "pk")
        )
        if not person.is_staff:
            invitations = invitations.filter(territory__in=administered)
        for invitation in invitations[: limit + 1]:
            deadlines.append(
                Deadline(
                    on=timezone.localdate(invitation.expires_at),
                    label=_("Invitation envoyée à %(email)s restée sans réponse : elle expire")
                    % {"email": invitation.email},
                    url=invitation.territory.get_absolute_url(),
                )
            )
    return capped(sorted(deadlines, key=lambda deadline: deadline.on), limit)


# --- The page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeOverview:
    """Everything the home page shows. `needs` is false when nothing waits for the
    person: the page then says what to do next."""

    today: date
    meetings: Capped[NextMeeting]
    agendas: Capped[OpenAgenda]
    minutes: Capped[Minutes]
    rounds: Capped[Proposal]
    actions: MyActions
    nominations: Capped[Election]
    mirrors: Capped[MirrorSession]
    deadlines: Capped[Deadline]
    bodies: Capped[BodySeats]
    positions: Capped[Position]
    territories: Capped[Territory]

    @property
    def several_territories(self) -> bool:
        """Whether my bodies lie in several territories: only then does each line name
        its territory (with one, it repeated the capacity's organisation)."""
        return len({seats.body.territory_id for seats in self.bodies}) > 1

    @property
    def needs(self) -> bool:
        return any(
            (
                self.meetings,
                self.agendas,
                self.minutes,
                self.rounds,
                self.actions,
                self.nominations,
                self.mirrors,
                self.deadlines,
            )
        )


def home_overview(
    person: Person, limit: int = HOME_LIMIT, now: datetime | None = None
) -> HomeOverview:
    """The home page (the first `limit` rows of each section), or with a larger limit
    the page that lists them all ("voir tout"). "Aujourd'hui" and "demain" count from
    the local date in the site's time zone (Europe/Paris), never UTC's: at 00:30 in
    Paris a meeting at 9:00 is today, though it is still yesterday in UTC."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    memberships = list(current_memberships(person))
    positions = list(current_positions(person))
    mine = my_territories_and_bodies(person, limit=max(limit, 10))
    remember_visible_bodies(person, [m.body_id for m in memberships] + mine.administered_bodies)
    territories = mine.territories
    upcoming, agendas = upcoming_for(person, now)
    return HomeOverview(
        today=today,
        meetings=next_meetings(upcoming, today, limit),
        agendas=capped(agendas, limit),
        minutes=minutes_waiting(person, today, limit),
        rounds=rounds_waiting(person, limit),
        actions=my_open_actions(person, max(limit, HOME_ACTIONS)),
        nominations=nominations_waiting(person, limit),
        mirrors=mirrors_waiting(person, limit),
        deadlines=terms_ending(person, memberships, positions, territories.items, today, limit),
        bodies=capped(seats_by_body(memberships), HOME_SEATS),
        positions=capped(positions, HOME_SEATS),
        territories=territories,
    )
