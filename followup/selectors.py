"""Reads for the follow-up: every action and implementation row is reached through these
helpers, scoped to the bodies the user may see (bodies.selectors.bodies_for). Outsiders
get 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Min, OuterRef, Q, QuerySet, Subquery, When, Window
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from access.permissions import CONTRIBUTE, MANAGE_FOLLOWUP, allowed
from access.scopes import bodies_for, in_visible_bodies
from accounts.models import Person
from bodies.models import Body, BodyMembership
from decisions.models import Decision
from followup.models import OPEN_STATUSES, Action, ActionNote, Implementation, Status
from territories.models import Organisation, TerritoryMember

SOON_DAYS = 14  # "due soon" on the board
REMINDER_DAYS = 3  # owners are reminded from this many days before the due date


# --- Access ----------------------------------------------------------------------------


def actions_for(user: Person) -> QuerySet[Action]:
    return in_visible_bodies(Action.objects.all(), user)


def get_action_for_user(user: Person, pk: int) -> Action:
    return get_object_or_404(
        actions_for(user).select_related(
            "body__territory", "decision", "owner", "organisation", "created_by"
        ),
        pk=pk,
    )


def implementations_for(user: Person) -> QuerySet[Implementation]:
    return in_visible_bodies(Implementation.objects.all(), user, "decision__body")


def get_implementation_for_user(user: Person, pk: int) -> Implementation:
    return get_object_or_404(
        implementations_for(user).select_related(
            "decision__body__territory", "organisation", "owner"
        ),
        pk=pk,
    )


# --- Permissions -----------------------------------------------------------------------


@dataclass(frozen=True)
class FollowupPermissions:
    """What a user may do with the follow-up of one body (they may see it).

    - add: the body's members, its facilitator and the territory's administrators add
      actions and create the communes' rows;
    - manage: the facilitator and the administrators edit every action and row; the
      owner of an action or a row edits that one (`can_edit`).
    """

    user_id: int
    add: bool
    manage: bool

    def can_edit(self, obj: Action | Implementation) -> bool:
        """access.permissions.EDIT_FOLLOWUP, with `manage` asked once for a whole list."""
        return self.manage or (obj.owner_id is not None and obj.owner_id == self.user_id)


def followup_permissions(user: Person, body: Body) -> FollowupPermissions:
    manage = allowed(user, MANAGE_FOLLOWUP, body)
    return FollowupPermissions(
        user_id=user.pk, add=manage or allowed(user, CONTRIBUTE, body), manage=manage
    )


# --- A decision's follow-up --------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far a decision's implementation has gone: rows done out of rows (the
    abandoned ones aside), and actions done out of actions."""

    rows_done: int
    rows: int
    actions_done: int
    actions: int

    @property
    def done(self) -> int:
        return self.rows_done + self.actions_done

    @property
    def total(self) -> int:
        return self.rows + self.actions

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(actions: list[Action], rows: list[Implementation]) -> Progress:
    counted_rows = [row for row in rows if row.status != Status.ABANDONED]
    counted_actions = [action for action in actions if action.status != Status.ABANDONED]
    return Progress(
        rows_done=sum(1 for row in counted_rows if row.status == Status.DONE),
        rows=len(counted_rows),
        actions_done=sum(1 for action in counted_actions if action.status == Status.DONE),
        actions=len(counted_actions),
    )


def decision_actions(decision: Decision) -> list[Action]:
    return list(
        Action.objects.filter(decision=decision)
        .select_related("owner", "organisation")
        .order_by("due_on", "pk")
    )


def decision_rows(decision: Decision) -> list[Implementation]:
    return list(_rows_of(decision).order_by("organisation__name", "pk"))


def _rows_of(decision: Decision) -> QuerySet[Implementation]:
    return Implementation.objects.filter(decision=decision).select_related("owner", "organisation")


def decision_progress(decision: Decision) -> Progress:
    return progress_of(decision_actions(decision), decision_rows(decision))


# The communes' rows of one decision: one per commune (158 at the busiest territory).
# The decision's page shows those that still need someone first, a few of them; the
# follow-up page of the decision lists them all, a page at a time (issue 9).
ROWS_ON_DECISION_PAGE = 12
ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class RowCounts:
    """A decision's communes' rows, counted in one query: all of them, those the progress
    counts (the abandoned ones aside), and those done."""

    listed: int
    counted: int
    done: int


def row_counts(decision: Decision) -> RowCounts:
    counts = Implementation.objects.filter(decision=decision).aggregate(
        listed=Count("pk"),
        counted=Count("pk", filter=~Q(status=Status.ABANDONED)),
        done=Count("pk", filter=Q(status=Status.DONE)),
    )
    return RowCounts(counts["listed"], counts["counted"], counts["done"])


def rows_needing_attention(decision: Decision, limit: int) -> list[Implementation]:
    """The first `limit` rows still open, the most urgent first (overdue, then by due
    date, those without a date last); done and abandoned rows only if room is left."""
    open_first = Case(When(status__in=OPEN_STATUSES, then=0), default=1)
    return list(
        _rows_of(decision).order_by(
            open_first, F("due_on").asc(nulls_last=True), "organisation__name", "pk"
        )[:limit]
    )


def member_communes(body: Body) -> QuerySet[Organisation]:
    """The communes of the body's territory that are still part of it."""
    return Organisation.objects.filter(
        territory_id=body.territory_id,
        kind=Organisation.Kind.COMMUNE,
        ended_on__isnull=True,
    ).order_by("name")


@dataclass
class DecisionFollowup:
    """`rows`: the rows shown; `page` when they are a page of all of them (the
    decision's follow-up page), None when they are the first few (its register page)."""

    decision: Decision
    actions: list[Action]
    rows: list[Implementation]
    progress: Progress
    permissions: FollowupPermissions
    rows_listed: int = 0
    page: Page[Implementation] | None = None
    missing_communes: int = 0
    editable: set[tuple[str, int]] = field(default_factory=set)

    @property
    def rows_hidden(self) -> int:
        """How many rows the register's page leaves to the follow-up page."""
        return 0 if self.page is not None else self.rows_listed - len(self.rows)


def decision_followup(
    user: Person, decision: Decision, *, whole: bool = False, page: str | None = None
) -> DecisionFollowup:
    """What a decision's page shows of its follow-up, with what the user may do: the
    rows needing attention first, a few (`whole`: every row, `page` by page)."""
    actions = decision_actions(decision)
    counts = row_counts(decision)
    rows_page: Page[Implementation] | None = None
    if whole:
        ordered = _rows_of(decision).order_by("organisation__name", "pk")
        paginator = Paginator(ordered, ROWS_PER_PAGE)
        paginator.count = counts.listed  # counted above already: no second COUNT
        rows_page = paginator.get_page(page)
        rows = list(rows_page.object_list)
    else:
        rows = rows_needing_attention(decision, ROWS_ON_DECISION_PAGE) if counts.listed else []
    permissions = followup_permissions(user, decision.body)
    missing = 0
    if permissions.add:
        missing = member_communes(decision.body).exclude(implementations__decision=decision).count()
    counted_actions = [action for action in actions if action.status != Status.ABANDONED]
    progress = Progress(
        rows_done=counts.done,
        rows=counts.counted,
        actions_done=sum(1 for action in counted_actions if action.status == Status.DONE),
        actions=len(counted_actions),
    )
    return DecisionFollowup(
        decision=decision,
        actions=actions,
        rows=rows,
        progress=progress,
        permissions=permissions,
        rows_listed=counts.listed,
        page=rows_page,
        missing_communes=missing,
    )


# --- The board ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    status: str = ""  # "" = every open status
    owner: int | None = None
    organisation: int | None = None
    due: str = ""  # "" = any due date; or one of DUE_CHOICES


OVERDUE, SOON, LATER = "overdue", "soon", "later"
DUE_CHOICES = (OVERDUE, SOON, LATER)
BOARD_PAGE_SIZE = 25  # rows of each list, per page
# Organisations (and people) named on the board, those carrying the most first: at the
# busiest territory every one of 158 communes and 159 seats was listed (34 KB of the
# page). The others are one link away (`all_groups`).
GROUPS_SHOWN = 10
ORGANISATIONS, PEOPLE = "organisations", "personnes"  # what `all_groups` may list whole


@dataclass
class Group:
    """An organisation or a person with the number of open actions and rows they carry;
    `key` filters the board on them ("" for those without one)."""

    key: str
    label: str
    actions: int = 0
    rows: int = 0

    @property
    def count(self) -> int:
        return self.actions + self.rows


@dataclass(frozen=True)
class Counts:
    """How many actions (or rows) the filters keep, and how many of them are overdue and
    due within SOON_DAYS days."""

    total: int
    overdue: int
    soon: int


@dataclass(frozen=True)
class DecisionRows:
    """The communes' rows of one decision, summed up for the board: how many the filters
    keep, how many of those are overdue, the earliest due date among them, and the
    decision's progress (rows done out of rows, the abandoned aside). The rows
    themselves are on the decision's follow-up page."""

    decision_id: int
    year: int
    sequence: int
    title: str
    listed: int
    overdue: int
    next_due: date | None
    done: int
    counted: int

    @property
    def reference(self) -> str:
        return f"{self.year}-{self.sequence:03d}"

    def get_absolute_url(self) -> str:
        return reverse("followup:decision", args=[self.decision_id]) + "#suivi"


@dataclass
class Board:
    """A body's follow-up board: every action and every commune's row once, in one list
    each ordered by due date (the overdue first, those without a date last), a page at a
    time; their numbers (overdue, due soon) as links that filter the lists; the
    organisations and people who carry the most, the others counted (`*_more`). Six
    queries whatever the numbers.

    An action used to appear in "overdue" or "due soon" and again in the full list: on a
    phone the board grew to 11,516 px for 40 actions."""

    today: date
    actions: Page[Action]
    # The communes' rows, one line per decision ("12 communes, 34 / 158 faites"): a
    # decision of a territory of 158 communes filled a page with its own rows. Filtered
    # on one organisation, its rows themselves (`rows`), one per decision.
    decisions: Page[DecisionRows] | None
    rows: Page[Implementation] | None
    rows_listed: int  # the rows the filters keep, whichever list shows them
    action_counts: Counts
    row_counts: Counts
    by_organisation: list[Group] = field(default_factory=list)
    by_person: list[Group] = field(default_factory=list)
    organisations_more: int = 0  # organisations not in by_organisation
    people_more: int = 0


def _status_filter(filters: BoardFilters) -> Q:
    if filters.status and filters.status in Status.values:
        return Q(status=filters.status)
    return Q(status__in=OPEN_STATUSES)


def _due_filter(due: str, today: date, soon: date) -> Q:
    if due == OVERDUE:
        return Q(due_on__lt=today)
    if due == SOON:
        return Q(due_on__gte=today, due_on__lte=soon)
    if due == LATER:
        return Q(due_on__gt=soon) | Q(due_on__isnull=True)
    return Q()


_BY_DUE_DATE = (F("due_on").asc(nulls_last=True),)
# What the board's tables show: without these the page of 50 rows read each decision's
# text and search vector and each owner's whole profile.
_PERSON_SHOWN = ("first_name", "last_name", "email")
_ACTION_SHOWN = (
    "title",
    "due_on",
    "status",
    "owner_id",
    "organisation__name",
    "decision__year",
    "decision__sequence",
    *(f"owner__{name}" for name in _PERSON_SHOWN),
)
_ROW_SHOWN = (
    "due_on",
    "status",
    "owner_id",
    "organisation__name",
    "decision__year",
    "decision__sequence",
    "decision__title",
    *(f"owner__{name}" for name in _PERSON_SHOWN),
)


def board_actions(body: Body, filters: BoardFilters) -> QuerySet[Action]:
    actions = Action.objects.filter(_status_filter(filters), body=body)
    if filters.owner:
        actions = actions.filter(owner_id=filters.owner)
    if filters.organisation:
        actions = actions.filter(organisation_id=filters.organisation)
    return actions.select_related("owner", "organisation", "decision").order_by(*_BY_DUE_DATE, "pk")


def board_rows(body: Body, filters: BoardFilters) -> QuerySet[Implementation]:
    rows = Implementation.objects.filter(_status_filter(filters), decision__body=body)
    if filters.owner:
        rows = rows.filter(owner_id=filters.owner)
    if filters.organisation:
        rows = rows.filter(organisation_id=filters.organisation)
    return rows.select_related("owner", "organisation", "decision").order_by(
        *_BY_DUE_DATE, "organisation__name", "pk"
    )


@dataclass
class _Tally:
    """The numbers of one kind (actions or rows), summed from its groups."""

    counts: Counts
    listed: int  # how many the due filter keeps: the size of the list, for its paginator


def _tally(
    kind: str,
    queryset: QuerySet[Any],
    due: str,
    today: date,
    soon: date,
    by_org: dict[str, Group],
    by_person: dict[str, Group],
) -> _Tally:
    """Two queries per kind: the numbers per organisation, in all, overdue, due soon and
    kept by the due filter (they add up to the kind's numbers), and per owner. Grouped
    on (organisation, owner) pairs, as they were, the busiest territory's 2,000 open
    actions made 1,973 groups to read: a page that grew with the data."""
    per_organisation = (
        queryset.order_by()
        .values("organisation_id")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=_due_filter(OVERDUE, today, soon)),
            soon=Count("pk", filter=_due_filter(SOON, today, soon)),
            listed=Count("pk", filter=_due_filter(due, today, soon)) if due else Count("pk"),
            name=_named(Organisation, "organisation_id", "name"),
        )
    )
    total = overdue = due_soon = listed = 0
    for values in per_organisation:
        total += values["n"]
        overdue += values["overdue"]
        due_soon += values["soon"]
        listed += values["listed"]
        key = str(values["organisation_id"] or "")
        org = by_org.setdefault(key, Group(key, values["name"] or ""))
        setattr(org, kind, getattr(org, kind) + values["n"])
    per_owner = (
        queryset.order_by()
        .values("owner_id")
        .annotate(
            n=Count("pk"),
            first=_named(Person, "owner_id", "first_name"),
            last=_named(Person, "owner_id", "last_name"),
        )
    )
    for values in per_owner:
        key = str(values["owner_id"] or "")
        name = f"{values['first'] or ''} {values['last'] or ''}".strip()
        person = by_person.setdefault(key, Group(key, name))
        setattr(person, kind, getattr(person, kind) + values["n"])
    return _Tally(Counts(total, overdue, due_soon), listed)


def _named(model: type[Organisation] | type[Person], key: str, column: str) -> Subquery:
    """A group's name, read once per group after the grouping: joined before it,
    PostgreSQL hashed every person (or organisation) of the country to name a few hundred
    groups (36 of the board's 40 ms at scale 1)."""
    return Subquery(model.objects.filter(pk=OuterRef(key)).order_by().values(column)[:1])


def _shown(groups: dict[str, Group], whole: bool) -> tuple[list[Group], int]:
    """The groups the board names and how many it leaves out: those carrying the most
    (GROUPS_SHOWN of them), or all by name when `whole`; the group without an
    organisation (or owner) always, last."""
    named = [group for group in groups.values() if group.key]
    if whole:
        shown = sorted(named, key=lambda g: g.label)
    else:
        shown = sorted(named, key=lambda g: (-g.count, g.label))[:GROUPS_SHOWN]
    more = len(named) - len(shown)
    if "" in groups:
        shown.append(groups[""])
    return shown, more


def _page(
    queryset: QuerySet[Any], total: int, number: str | None, shown: tuple[str, ...]
) -> Page[Any]:
    """A page of the list in two steps within one query: the page's primary keys, sorted
    on the list's own table, then those rows joined to what the table shows. Sorting
    every open action joined to its decision first (a scan of the decisions of every
    body) cost more than the rest of the page."""
    paginator: Paginator[Any] = Paginator(queryset.values("pk"), BOARD_PAGE_SIZE)
    paginator.count = total  # already counted by _tally: no count query
    page = paginator.get_page(number)
    if total:  # an empty page costs no query
        page.object_list = queryset.filter(pk__in=page.object_list).only(*shown)
    return page


def _page_number(number: str | None) -> int:
    try:
        return max(int(number or 1), 1)
    except ValueError:
        return 1


def _decision_rows(
    body: Body, filters: BoardFilters, today: date, soon: date, number: str | None
) -> Page[DecisionRows]:
    """A page of the decisions whose rows the filters keep, the earliest due first, in
    one query that also counts them (a window over the groups); past the last page, the
    first one (a second query)."""
    rows = Implementation.objects.filter(decision__body=body)
    if filters.owner:
        rows = rows.filter(owner_id=filters.owner)
    kept = _status_filter(filters) & _due_filter(filters.due, today, soon)
    open_overdue = Q(status__in=OPEN_STATUSES) & _due_filter(OVERDUE, today, soon)
    decisions = (
        rows.order_by()
        .values("decision_id")
        .annotate(
            year=F("decision__year"),
            sequence=F("decision__sequence"),
            title=F("decision__title"),
            listed=Count("pk", filter=kept),
            overdue=Count("pk", filter=kept & open_overdue),
            next_due=Min("due_on", filter=kept),
            done=Count("pk", filter=Q(status=Status.DONE)),
            counted=Count("pk", filter=~Q(status=Status.ABANDONED)),
            decisions=Window(Count("*")),  # how many groups, after HAVING
        )
        .filter(listed__gt=0)
        .order_by(F("next_due").asc(nulls_last=True), "year", "sequence", "decision_id")
    )
    page_number = _page_number(number)
    start = (page_number - 1) * BOARD_PAGE_SIZE
    found = list(decisions[start : start + BOARD_PAGE_SIZE])
    if not found and page_number > 1:
        page_number, found = 1, list(decisions[:BOARD_PAGE_SIZE])
    paginator: Paginator[Any] = Paginator([], BOARD_PAGE_SIZE)
    paginator.count = found[0].pop("decisions") if found else 0
    for values in found[1:]:
        del values["decisions"]
    return Page([DecisionRows(**values) for values in found], page_number, paginator)


def body_board(
    body: Body,
    filters: BoardFilters | None = None,
    actions_page: str | None = None,
    rows_page: str | None = None,
    all_groups: str = "",
) -> Board:
    """Six queries whatever the number of actions and rows: per kind, the numbers per
    organisation and per owner (_tally) and a page of the list (none when empty).
    `all_groups` (ORGANISATIONS or PEOPLE) names every organisation or person."""
    filters = filters or BoardFilters()
    today = timezone.localdate()
    soon = today + timedelta(days=SOON_DAYS)
    actions = board_actions(body, filters)
    rows = board_rows(body, filters)
    by_org: dict[str, Group] = {}
    by_person: dict[str, Group] = {}
    action_tally = _tally("actions", actions, filters.due, today, soon, by_org, by_person)
    row_tally = _tally("rows", rows, filters.due, today, soon, by_org, by_person)
    organisations, organisations_more = _shown(by_org, all_groups == ORGANISATIONS)
    people, people_more = _shown(by_person, all_groups == PEOPLE)
    due = _due_filter(filters.due, today, soon)
    decisions, row_page = None, None
    if filters.organisation:
        row_page = _page(rows.filter(due), row_tally.listed, rows_page, _ROW_SHOWN)
    elif row_tally.listed:
        decisions = _decision_rows(body, filters, today, soon, rows_page)
    return Board(
        today=today,
        actions=_page(actions.filter(due), action_tally.listed, actions_page, _ACTION_SHOWN),
        decisions=decisions,
        rows=row_page,
        rows_listed=row_tally.listed,
        action_counts=action_tally.counts,
        row_counts=row_tally.counts,
        by_organisation=organisations,
        by_person=people,
        organisations_more=organisations_more,
        people_more=people_more,
    )


def board_people(body: Body) -> QuerySet[Person]:
    """Who may own an action or a commune's row of the body: the active people who see
    the body (bodies.selectors.bodies_for's rule), that is its current members, guests
    included, and the administrators of its territory. Anyone else could not open what
    they carry (the follow-up is scoped to the bodies one sees). The operator is left
    out: they see every body but take no part in any."""
    sits = BodyMembership.objects.current().filter(body=body).values("person_id")
    administers = TerritoryMember.objects.filter(
        territory_id=body.territory_id, role=TerritoryMember.Role.ADMIN
    ).values("person_id")
    return Person.objects.filter(Q(pk__in=sits) | Q(pk__in=administers), is_active=True).order_by(
        "last_name", "first_name"
    )


def may_own(person: Person, body: Body) -> bool:
    """The person may carry an action or a row of the body: active, and they see it."""
    return person.is_active and bodies_for(person).filter(pk=body.pk).exists()


def board_organisations(body: Body) -> QuerySet[Organisation]:
    return Organisation.objects.filter(territory_id=body.territory_id, ended_on__isnull=True)


# --- A person's actions ------------------------------------------------------------------


def my_actions(user: Person) -> QuerySet[Action]:
    """The open actions the user owns, in the bodies they may see, soonest first."""
    return (
        actions_for(user)
        .filter(owner=user, status__in=OPEN_STATUSES)
        .select_related("body", "decision", "organisation")
        .order_by("due_on", "pk")
    )


def my_rows(user: Person) -> QuerySet[Implementation]:
    return (
        implementations_for(user)
        .filter(owner=user, status__in=OPEN_STATUSES)
        .select_related("decision__body", "organisation")
        .order_by("due_on", "pk")
    )


def action_notes(action: Action) -> QuerySet[ActionNote]:
    return action.notes.select_related("author").order_by("-created_at", "-pk")
