"""Who took the floor in a body, read from the records of the apps below, one GROUP BY
query per activity: the number of queries does not depend on how many meetings, items
or turns there are, and no Python loop walks the rows themselves (only the grouped
counts, one per person or organisation).

A person's contributions count for the organisation they sat for: the organisation of
the position their seat names ("à quel titre"), the latest seat of the body that names
one; failing that, an organisation of the territory they lead or work for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from bodies.models import Body, BodyMembership
from decisions.models import Amendment, Objection, Proposal, Turn
from elections.models import Election
from followup.models import Action
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.rotation import current_members, host_candidates
from parity.figures import Quarter, quarters_until
from territories.models import Organisation, Position

TREND_QUARTERS = 8
LOOKBACK_DAYS = 365  # "in the last twelve months"


@dataclass(frozen=True)
class Activity:
    key: str
    label: Promise
    # Counted in the headline figure: acts of initiative. Answers in a round (each
    # member has a turn by construction), presence and elected roles are shown beside.
    initiative: bool
    rows: Callable[[Body], QuerySet[Any]]
    who: str  # the person (or, for hosting, the organisation) the row counts for
    when: str  # the moment that places the row in a period
    of_organisation: bool = False


def _items(body: Body) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(meeting__body=body).exclude(
        meeting__status=Meeting.Status.CANCELLED
    )


def _meetings(body: Body) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body=body).exclude(status=Meeting.Status.CANCELLED)


def _present(body: Body) -> QuerySet[Attendance]:
    return Attendance.objects.filter(meeting__body=body, status=Attendance.Status.PRESENT).exclude(
        meeting__status=Meeting.Status.CANCELLED
    )


ACTIVITIES: tuple[Activity, ...] = (
    Activity("proposed", _("points proposés"), True, _items, "proposed_by", "meeting__starts_at"),
    Activity("presented", _("points présentés"), True, _items, "presenter", "meeting__starts_at"),
    Activity("facilitated", _("animations"), True, _meetings, "facilitator", "starts_at"),
    Activity("secretary", _("secrétariats de séance"), True, _meetings, "secretary", "starts_at"),
    Activity("hosted", _("accueils"), True, _meetings, "host", "starts_at", of_organisation=True),
    Activity(
        "actions",
        _("actions portées"),
        True,
        lambda body: Action.objects.filter(body=body),
        "owner",
        "created_at",
    ),
    Activity(
        "proposals",
        _("propositions déposées"),
        True,
        lambda body: Proposal.objects.filter(body=body),
        "proposer",
        "created_at",
    ),
    Activity(
        "objections",
        _("objections"),
        True,
        lambda body: Objection.objects.filter(proposal__body=body),
        "author",
        "created_at",
    ),
    Activity(
        "amendments",
        _("amendements"),
        True,
        lambda body: Amendment.objects.filter(proposal__body=body),
        "author",
        "created_at",
    ),
    Activity(
        "answers",
        _("réponses dans les tours"),
        False,
        lambda body: Turn.objects.filter(proposal__body=body).exclude(answer=Turn.Answer.PASSED),
        "person",
        "created_at",
    ),
    Activity("present", _("présences"), False, _present, "person", "meeting__starts_at"),
    Activity(
        "roles",
        _("rôles élus tenus"),
        False,
        lambda body: Election.objects.filter(
            body=body, phase=Election.Phase.ASSIGNED, elected__isnull=False
        ),
        "elected",
        "decided_on",
    ),
)
BY_KEY = {activity.key: activity for activity in ACTIVITIES}
INDEX = {activity.key: index for index, activity in enumerate(ACTIVITIES)}
INITIATIVE = tuple(activity.key for activity in ACTIVITIES if activity.initiative)

Counts = dict[str, dict[int, int]]  # activity key -> person (or organisation) id -> count


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=LOOKBACK_DAYS - 1), today


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, zone),
        datetime.combine(end + timedelta(days=1), time.min, zone),
    )


def _in_period(activity: Activity, start: date, end: date) -> Q:
    if activity.key == "roles":  # a role held at any time of the period
        return Q(decided_on__lte=end) & (Q(term_end__isnull=True) | Q(term_end__gte=start))
    low, high = _bounds(start, end)
    return Q(**{f"{activity.when}__gte": low, f"{activity.when}__lt": high})


def _tallied(querysets: list[QuerySet[Any]]) -> list[tuple[Any, ...]]:
    """The grouped rows of several activities read in one UNION ALL query (one round
    trip instead of one per activity); each row ends with the activity's index in
    ACTIVITIES and its count."""
    if not querysets:
        return []
    first, *others = querysets
    return list(first.union(*others, all=True) if others else first)


def activity_counts(body: Body, start: date, end: date, keys: Iterable[str] = ()) -> Counts:
    """One query for all the activities (all of them unless `keys` names some), grouped
    in SQL: how many times each person (each organisation, for hosting) did each in the
    period."""
    wanted = [BY_KEY[key] for key in (keys or BY_KEY)]
    querysets = [
        activity.rows(body)
        .filter(_in_period(activity, start, end), **{f"{activity.who}__isnull": False})
        .annotate(tally_who=F(activity.who))
        .values_list("tally_who")
        .annotate(tally_kind=Value(INDEX[activity.key]), tally_n=Count("pk"))
        .order_by()
        for activity in wanted
    ]
    counts: Counts = {activity.key: {} for activity in wanted}
    for who, kind, n in _tallied(querysets):
        counts[ACTIVITIES[kind].key][who] = n
    return counts


def quarterly_counts(body: Body, end: date) -> dict[str, dict[tuple[Quarter, int], int]]:
    """The initiative activities by quarter over the trend's quarters, in one query
    grouped in SQL by person (or organisation) and local year and quarter:
    (quarter, person or organisation id) -> count."""
    quarters = quarters_until(end, TREND_QUARTERS)
    low, high = _bounds(quarters[0].start, end)
    querysets = []
    for key in INITIATIVE:
        activity = BY_KEY[key]
        querysets.append(
            activity.rows(body)
            .filter(
                **{
                    f"{activity.when}__gte": low,
                    f"{activity.when}__lt": high,
                    f"{activity.who}__isnull": False,
                }
            )
            .annotate(
                tally_who=F(activity.who),
                tally_year=ExtractYear(activity.when),
                tally_quarter=ExtractQuarter(activity.when),
            )
            .values_list("tally_who", "tally_year", "tally_quarter")
            .annotate(tally_kind=Value(INDEX[key]), tally_n=Count("pk"))
            .order_by()
        )
    result: dict[str, dict[tuple[Quarter, int], int]] = {key: {} for key in INITIATIVE}
    for who, year, number, kind, n in _tallied(querysets):
        result[ACTIVITIES[kind].key][(Quarter(year, number), who)] = n
    return result


@dataclass(frozen=True)
class Seats:
    """Whom each person's contributions count for, and the organisations that sat in
    the body during the period (the ones an equal share is measured against)."""

    organisation_of: dict[int, int]
    sitting: set[int]
    # The dated seats that count (organisation, start, end), kept so that each quarter of
    # the trend measures the organisations that sat then, without another query.
    dated: tuple[tuple[int, date, date | None], ...] = ()

    def sitting_between(self, start: date, end: date) -> set[int]:
        """The organisations with a (non-guest) seat overlapping start..end."""
        return {
            organisation_id
            for organisation_id, seat_start, seat_end in self.dated
            if seat_start <= end and (seat_end is None or seat_end >= start)
        }


def seats(body: Body, start: date, end: date, people: Iterable[int]) -> Seats:
    """Two queries: the body's seats (a body has tens), then, for the people whose seat
    names no organisation, an organisation of the territory where they hold a position."""
    organisation_of: dict[int, int] = {}
    dated: list[tuple[int, date, date | None]] = []
    rows = (
        BodyMembership.objects.filter(body=body)
        .values_list("person_id", "position__organisation_id", "role", "start_date", "end_date")
        .order_by("start_date", "pk")
    )
    for person_id, organisation_id, role, seat_start, seat_end in rows:
        if organisation_id is None:
            continue
        organisation_of[person_id] = organisation_id  # the latest seat wins
        if role != BodyMembership.Role.GUEST:
            dated.append((organisation_id, seat_start, seat_end))
    missing = [pk for pk in people if pk not in organisation_of]
    if missing:
        positions = (
            Position.objects.filter(
                person_id__in=missing, organisation__territory=body.territory_id
            )
            .annotate(
                leads=ExpressionWrapper(
                    Q(function__in=Position.LEADING_FUNCTIONS), output_field=BooleanField()
                )
            )
            .order_by("leads", "start_date", "pk")  # a leading position last: it wins
            .values_list("person_id", "organisation_id")
        )
        organisation_of.update(dict(positions))
    seated = Seats(organisation_of, set(), tuple(dated))
    return Seats(organisation_of, seated.sitting_between(start, end), seated.dated)


def people_named(ids: Iterable[int]) -> dict[int, Person]:
    """Only what the report writes (full_name): hundreds of rows at a busy body."""
    people = Person.objects.filter(pk__in=set(ids)).only("first_name", "last_name", "email")
    return {person.pk: person for person in people}


def organisations_named(ids: Iterable[int]) -> dict[int, Organisation]:
    return {
        organisation.pk: organisation
        for organisation in Organisation.objects.filter(pk__in=set(ids)).only("name", "population")
    }


# --- What the facilitator sees when preparing the rota and the agenda -------------------


def quiet_organisations(body: Body, key: str, today: date | None = None) -> list[Organisation]:
    """The body's member organisations (those that take their turn in the rota) that have
    not done `key` ("proposed", "hosted", "facilitated") in the last twelve months:
    three queries whatever the history."""
    start, end = default_period(today)
    counts = activity_counts(body, start, end, [key])[key]
    members = host_candidates(body)
    if BY_KEY[key].of_organisation:
        active = set(counts)
    else:
        organisation_of = seats(body, start, end, counts).organisation_of
        active = {organisation_of[person] for person in counts if person in organisation_of}
    return [organisation for organisation in members if organisation.pk not in active]


def quiet_people(body: Body, key: str, today: date | None = None) -> list[Person]:
    """The current members who have not done `key` in the last twelve months."""
    start, end = default_period(today)
    counts = activity_counts(body, start, end, [key])[key]
    return [person for person in current_members(body) if person.pk not in counts]
