"""Reads for the follow-up: every action and implementation row is reached through these
helpers, scoped to the bodies the user may see (bodies.selectors.bodies_for). Outsiders
get 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
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
    return list(
        Implementation.objects.filter(decision=decision)
        .select_related("owner", "organisation")
        .order_by("organisation__name")
    )


def decision_progress(decision: Decision) -> Progress:
    return progress_of(decision_actions(decision), decision_rows(decision))


def member_communes(body: Body) -> QuerySet[Organisation]:
    """The communes of the body's territory that are still part of it."""
    return Organisation.objects.filter(
        territory_id=body.territory_id,
        kind=Organisation.Kind.COMMUNE,
        ended_on__isnull=True,
    ).order_by("name")


@dataclass
class DecisionFollowup:
    decision: Decision
    actions: list[Action]
    rows: list[Implementation]
    progress: Progress
    permissions: FollowupPermissions
    missing_communes: int = 0
    editable: set[tuple[str, int]] = field(default_factory=set)


def decision_followup(user: Person, decision: Decision) -> DecisionFollowup:
    """What the decision page shows of its follow-up, with what the user may do."""
    actions = decision_actions(decision)
    rows = decision_rows(decision)
    permissions = followup_permissions(user, decision.body)
    missing = 0
    if permissions.add:
        missing = member_communes(decision.body).exclude(implementations__decision=decision).count()
    return DecisionFollowup(
        decision=decision,
        actions=actions,
        rows=rows,
        progress=progress_of(actions, rows),
        permissions=permissions,
        missing_communes=missing,
    )


# --- The board ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    status: str = ""  # "" = every open status
    owner: int | None = None
    organisation: int | None = None


@dataclass
class Group:
    key: str
    label: str
    actions: list[Action] = field(default_factory=list)
    rows: list[Implementation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.actions) + len(self.rows)


@dataclass
class Board:
    """A body's follow-up board: the open actions and implementation rows, split into
    overdue and due within 14 days, and grouped by organisation and by person."""

    actions: list[Action]
    rows: list[Implementation]
    today: date
    overdue_actions: list[Action] = field(default_factory=list)
    overdue_rows: list[Implementation] = field(default_factory=list)
    soon_actions: list[Action] = field(default_factory=list)
    soon_rows: list[Implementation] = field(default_factory=list)
    by_organisation: list[Group] = field(default_factory=list)
    by_person: list[Group] = field(default_factory=list)


def _status_filter(filters: BoardFilters) -> Q:
    if filters.status and filters.status in Status.values:
        return Q(status=filters.status)
    return Q(status__in=OPEN_STATUSES)


def board_actions(body: Body, filters: BoardFilters) -> QuerySet[Action]:
    actions = Action.objects.filter(_status_filter(filters), body=body)
    if filters.owner:
        actions = actions.filter(owner_id=filters.owner)
    if filters.organisation:
        actions = actions.filter(organisation_id=filters.organisation)
    return actions.select_related("owner", "organisation", "decision").order_by("due_on", "pk")


def board_rows(body: Body, filters: BoardFilters) -> QuerySet[Implementation]:
    rows = Implementation.objects.filter(_status_filter(filters), decision__body=body)
    if filters.owner:
        rows = rows.filter(owner_id=filters.owner)
    if filters.organisation:
        rows = rows.filter(organisation_id=filters.organisation)
    return rows.select_related("owner", "organisation", "decision").order_by(
        "due_on", "organisation__name", "pk"
    )


def _group(groups: dict[str, Group], key: str, label: str) -> Group:
    return groups.setdefault(key, Group(key=key, label=label))


def body_board(body: Body, filters: BoardFilters | None = None) -> Board:
    """Two queries whatever the number of actions and rows."""
    filters = filters or BoardFilters()
    today = timezone.localdate()
    soon = today + timedelta(days=SOON_DAYS)
    board = Board(
        actions=list(board_actions(body, filters)),
        rows=list(board_rows(body, filters)),
        today=today,
    )
    by_org: dict[str, Group] = {}
    by_person: dict[str, Group] = {}
    for action in board.actions:
        if action.is_overdue:
            board.overdue_actions.append(action)
        elif action.is_open and action.due_on is not None and action.due_on <= soon:
            board.soon_actions.append(action)
        org = action.organisation
        _group(by_org, str(org.pk) if org else "", org.name if org else "").actions.append(action)
        owner = action.owner
        key = str(owner.pk) if owner else ""
        _group(by_person, key, owner.full_name if owner else "").actions.append(action)
    for row in board.rows:
        if row.is_overdue:
            board.overdue_rows.append(row)
        elif row.is_open and row.due_on is not None and row.due_on <= soon:
            board.soon_rows.append(row)
        _group(by_org, str(row.organisation_id), row.organisation.name).rows.append(row)
        owner = row.owner
        key = str(owner.pk) if owner else ""
        _group(by_person, key, owner.full_name if owner else "").rows.append(row)
    # Named groups by name; the group without an organisation (or owner) last.
    board.by_organisation = sorted(by_org.values(), key=lambda g: (g.key == "", g.label))
    board.by_person = sorted(by_person.values(), key=lambda g: (g.key == "", g.label))
    return board


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
