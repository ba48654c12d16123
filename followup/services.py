"""Writes of the follow-up. Each one is a single transaction.

Permissions are checked by the views (selectors.followup_permissions); the services check
what the data itself forbids (an owner who does not see the body, an organisation of another
territory, a row for a commune that is not a member commune...).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body, BodyMembership
from decisions.models import Decision
from followup.models import Action, ActionNote, Implementation, Status
from followup.selectors import may_own, member_communes
from territories.models import Organisation, Position


def _check_title(title: str) -> None:
    if not title.strip():
        raise ValidationError({"title": _("Dites ce qu'il faut faire.")})


def _check_status(status: str) -> None:
    if status not in Status.values:
        raise ValidationError({"status": _("Choisissez un état dans la liste.")})


def _check_organisation(body: Body, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.territory_id != body.territory_id:
        raise ValidationError(
            {"organisation": _("Choisissez une organisation du territoire de l'instance.")}
        )


def _check_owner(body: Body, owner: Person | None) -> None:
    """The owner must be able to open what they carry (the follow-up is only shown in
    the bodies one sees), and is reminded of it by mail."""
    if owner is not None and not may_own(owner, body):
        raise ValidationError(
            {
                "owner": _(
                    "Choisissez un responsable qui voit l'instance : l'un de ses membres "
                    "ou invités, ou un administrateur du territoire."
                )
            }
        )


def _done_on(status: str, current: date | None) -> date | None:
    """The day it was done: kept once set, cleared when it is reopened."""
    if status == Status.DONE:
        return current or timezone.localdate()
    return None


@transaction.atomic
def action_create(
    *,
    body: Body,
    actor: Person,
    title: str,
    details: str = "",
    decision: Decision | None = None,
    owner: Person | None = None,
    organisation: Organisation | None = None,
    due_on: date | None = None,
    status: str = Status.TODO,
) -> Action:
    """A new action of the body, created from one of its decisions or on its own."""
    _check_title(title)
    _check_status(status)
    _check_organisation(body, organisation)
    _check_owner(body, owner)
    if decision is not None and decision.body_id != body.pk:
        raise ValidationError(_("Cette décision n'est pas une décision de l'instance."))
    now = timezone.now()
    return Action.objects.create(
        body=body,
        decision=decision,
        title=title.strip(),
        details=details,
        owner=owner,
        organisation=organisation,
        due_on=due_on,
        status=status,
        done_on=_done_on(status, None),
        created_by=actor,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def action_update(
    *,
    action: Action,
    actor: Person,
    title: str,
    details: str,
    owner: Person | None,
    organisation: Organisation | None,
    due_on: date | None,
) -> Action:
    """Change what the action is, who carries it and by when (not its status: that goes
    with a note, action_status_change)."""
    _check_title(title)
    _check_organisation(action.body, organisation)
    _check_owner(action.body, owner)
    locked = Action.objects.select_for_update().get(pk=action.pk)
    locked.title = title.strip()
    locked.details = details
    locked.owner = owner
    locked.organisation = organisation
    locked.due_on = due_on
    locked.updated_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def action_status_change(
    *, action: Action, actor: Person, status: str, text: str = ""
) -> ActionNote:
    """A progress note, with the new status if it changes: both or neither are saved.
    A blocked action needs a note saying what blocks it."""
    _check_status(status)
    locked = Action.objects.select_for_update().get(pk=action.pk)
    changed = status != locked.status
    if not changed and not text.strip():
        raise ValidationError({"text": _("Écrivez une note ou changez l'état.")})
    if changed and status == Status.BLOCKED and not text.strip():
        raise ValidationError({"text": _("Dites ce qui bloque l'action.")})
    if changed:
        locked.status = status
        locked.done_on = _done_on(status, locked.done_on)
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "done_on", "updated_at"])
    action.status, action.done_on, action.updated_at = (
        locked.status,
        locked.done_on,
        locked.updated_at,
    )
    return ActionNote.objects.create(
        action=locked, author=actor, text=text.strip(), status=status if changed else ""
    )


def _commune_leads(body: Body, commune_ids: list[int]) -> dict[int, Person]:
    """Who carries each commune's row by default: the commune's DGS, else its secretary
    (secrétaire de mairie), among the body's current members (guests aside), whatever
    the title they sit under (a secretary of two small communes sits once, and is the
    default for both). One query; a commune whose lead does not sit has nobody."""
    members = (
        BodyMembership.objects.current()
        .filter(body=body)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("person_id")
    )
    positions = (
        Position.objects.current()
        .filter(
            organisation_id__in=commune_ids,
            function__in=Position.LEADING_FUNCTIONS,
            person__in=members,
            person__is_active=True,
        )
        .select_related("person")
        .order_by("organisation_id", "person__last_name", "person__first_name", "pk")
    )
    rank = {Position.Function.DGS: 0, Position.Function.SECRETARY: 1}
    leads: dict[int, tuple[int, Person]] = {}
    for position in positions:
        mine = rank[Position.Function(position.function)]
        held = leads.get(position.organisation_id)
        if held is None or mine < held[0]:
            leads[position.organisation_id] = (mine, position.person)
    return {commune: person for commune, (_rank, person) in leads.items()}


@transaction.atomic
def implementations_create_for_communes(
    *,
    decision: Decision,
    communes: list[Organisation] | None = None,
    due_on: date | None = None,
) -> list[Implementation]:
    """One row per member commune of the decision's territory (or per commune given,
    each of which must be one), skipping those that already have one, each carried by
    default by the commune's DGS or secretary who sits in the body. Returns the rows
    created."""
    members = {commune.pk: commune for commune in member_communes(decision.body)}
    if communes is None:
        chosen = list(members.values())
    else:
        strangers = [commune.name for commune in communes if commune.pk not in members]
        if strangers:
            raise ValidationError(
                _("Ne sont pas des communes membres du territoire : %(names)s.")
                % {"names": ", ".join(strangers)}
            )
        chosen = communes
    existing = set(
        Implementation.objects.filter(decision=decision).values_list("organisation_id", flat=True)
    )
    owners = _commune_leads(decision.body, [c.pk for c in chosen if c.pk not in existing])
    rows = [
        Implementation(
            decision=decision, organisation=commune, due_on=due_on, owner=owners.get(commune.pk)
        )
        for commune in chosen
        if commune.pk not in existing
    ]
    # One by one (not bulk_create) so that the audit log records each row.
    for row in rows:
        row.save()
    return rows


@transaction.atomic
def implementation_update(
    *,
    row: Implementation,
    actor: Person,
    status: str,
    owner: Person | None,
    due_on: date | None,
    note: str = "",
    done_on: date | None = None,
) -> Implementation:
    """Where the commune stands: its owner, status, due date, note. The day it was done
    is the one given, today by default, and cleared if it is reopened."""
    _check_status(status)
    _check_owner(row.decision.body, owner)
    locked = Implementation.objects.select_for_update().get(pk=row.pk)
    locked.status = status
    locked.owner = owner
    locked.due_on = due_on
    locked.note = note.strip()
    if status == Status.DONE:
        locked.done_on = done_on or locked.done_on or timezone.localdate()
    else:
        locked.done_on = None
    locked.updated_at = timezone.now()
    locked.save()
    return locked
