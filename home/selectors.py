"""The home page's reads: a person's bodies, functions and coming deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from access.scopes import administered_territories, territories_for
from accounts.models import Invitation, Person
from bodies.models import BodyMembership
from bodies.selectors import current_memberships
from core.deadlines import Deadline
from decisions.proposals.selectors import awaiting_answer
from elections.selectors import election_deadlines
from followup.models import Action, Implementation
from followup.selectors import my_actions, my_rows
from territories.models import Position

DEADLINE_HORIZON_DAYS = 90


def current_positions(person: Person) -> QuerySet[Position]:
    return (
        Position.objects.current()
        .filter(person=person)
        .select_related("organisation__territory")
        .order_by("organisation__name")
    )


def upcoming_deadlines(person: Person, today: date | None = None) -> list[Deadline]:
    """Roles and functions ending soon, and, for administrators, invitations about to
    expire unanswered; nominations to write and elections due (elections app)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=DEADLINE_HORIZON_DAYS)
    deadlines: list[Deadline] = []
    memberships = BodyMembership.objects.filter(
        person=person, end_date__gte=today, end_date__lte=horizon
    ).select_related("body")
    for membership in memberships:
        deadlines.append(
            Deadline(
                on=membership.end_date,  # type: ignore[arg-type]
                label=_("Fin de votre rôle de %(role)s dans « %(body)s »")
                % {"role": membership.get_role_display(), "body": membership.body.name},
                url=membership.body.get_absolute_url(),
            )
        )
    positions = Position.objects.filter(
        person=person, end_date__gte=today, end_date__lte=horizon
    ).select_related("organisation")
    for position in positions:
        deadlines.append(
            Deadline(
                on=position.end_date,  # type: ignore[arg-type]
                label=_("Fin de votre fonction : %(position)s") % {"position": position},
                url=position.organisation.get_absolute_url(),
            )
        )
    invitations = Invitation.objects.pending().filter(
        territory__in=administered_territories(person), expires_at__date__lte=horizon
    )
    for invitation in invitations:
        deadlines.append(
            Deadline(
                on=timezone.localdate(invitation.expires_at),
                label=_("Invitation envoyée à %(email)s restée sans réponse : elle expire")
                % {"email": invitation.email},
                url=invitation.territory.get_absolute_url(),
            )
        )
    deadlines += election_deadlines(person, today)
    for proposal in awaiting_answer(person):
        due = timezone.localdate(proposal.deadline) if proposal.deadline else today
        deadlines.append(
            Deadline(
                on=due,
                label=_("Votre réponse est attendue (%(phase)s) : « %(title)s »")
                % {"phase": proposal.get_phase_display(), "title": proposal.title},
                url=proposal.get_absolute_url(),
            )
        )
    return sorted(deadlines, key=lambda deadline: deadline.on)


HOME_ACTIONS = 8  # the home page shows the soonest; "Mes actions" lists them all


@dataclass(frozen=True)
class MyActions:
    """The open actions and communes' rows the person owns, soonest first."""

    actions: list[Action]
    rows: list[Implementation]
    more: bool

    def __bool__(self) -> bool:
        return bool(self.actions or self.rows)


def my_open_actions(person: Person) -> MyActions:
    """Two queries: the actions, the implementation rows (one more than shown, to know
    whether there are more)."""
    actions = list(my_actions(person)[: HOME_ACTIONS + 1])
    rows = list(my_rows(person)[: HOME_ACTIONS + 1])
    more = len(actions) > HOME_ACTIONS or len(rows) > HOME_ACTIONS
    return MyActions(actions=actions[:HOME_ACTIONS], rows=rows[:HOME_ACTIONS], more=more)


def home_overview(person: Person) -> dict[str, object]:
    return {
        "memberships": list(current_memberships(person)),
        "positions": list(current_positions(person)),
        "territories": list(territories_for(person)),
        "deadlines": upcoming_deadlines(person),
        "my_actions": my_open_actions(person),
    }
