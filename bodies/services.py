"""Writes on bodies and memberships. Each one is a single transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body, BodyMembership
from territories.models import Position, Territory
from territories.services import territory_member_ensure


@transaction.atomic
def body_create(
    *,
    territory: Territory,
    name: str,
    kind: str,
    circle: int,
    stratum: str = "",
    parent: Body | None = None,
    description: str = "",
    created_on: date | None = None,
) -> Body:
    _check_name_and_parent(territory=territory, name=name, parent=parent)
    body = Body(
        territory=territory,
        name=name.strip(),
        kind=kind,
        circle=circle,
        stratum=stratum or Body.DEFAULT_STRATUM[Body.Kind(kind)],
        parent=parent,
        description=description,
        created_on=created_on or timezone.localdate(),
    )
    body.full_clean()
    body.save()
    return body


def _check_name_and_parent(
    *, territory: Territory, name: str, parent: Body | None, body: Body | None = None
) -> None:
    """A body's name is unique in its territory (whatever the case); its parent is a body
    of the same territory and not the body itself or one of its sub-bodies."""
    same_name = Body.objects.filter(territory=territory, name__iexact=name.strip())
    if body is not None:
        same_name = same_name.exclude(pk=body.pk)
    if same_name.exists():
        raise ValidationError({"name": _("Une instance porte déjà ce nom dans le territoire.")})
    if parent is None:
        return
    if parent.territory_id != territory.pk:
        raise ValidationError({"parent": _("L'instance parente appartient à un autre territoire.")})
    ancestor: Body | None = parent
    while body is not None and ancestor is not None:
        if ancestor.pk == body.pk:
            message = _("Une instance ne peut pas dépendre d'elle-même ni d'une sous-instance.")
            raise ValidationError({"parent": message})
        ancestor = ancestor.parent


@transaction.atomic
def body_update(
    *,
    body: Body,
    name: str,
    kind: str,
    circle: int,
    stratum: str = "",
    parent: Body | None = None,
    description: str = "",
) -> Body:
    """Change what a body is; the change is in its history. A blank stratum is the
    default one for the kind."""
    _check_name_and_parent(territory=body.territory, name=name, parent=parent, body=body)
    body.name = name.strip()
    body.kind = kind
    body.circle = circle
    body.stratum = stratum or Body.DEFAULT_STRATUM[Body.Kind(kind)]
    body.parent = parent
    body.description = description
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def membership_create(
    *,
    body: Body,
    person: Person,
    role: str = BodyMembership.Role.MEMBER,
    position: Position | None = None,
    capacity: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
) -> BodyMembership:
    """Seat a person in a body. Members (not guests) get access to the territory;
    a guest sees the body they are invited to, nothing more."""
    if position is not None and position.person_id != person.pk:
        raise ValidationError(_("Cette fonction n'est pas celle de la personne."))
    if position is not None and position.organisation.territory_id != body.territory_id:
        raise ValidationError(_("Cette fonction relève d'un autre territoire."))
    already = BodyMembership.objects.current().filter(body=body, person=person, role=role)
    if already.exists():
        raise ValidationError(_("Cette personne siège déjà dans l'instance avec ce rôle."))
    membership = BodyMembership(
        body=body,
        person=person,
        role=role,
        position=position,
        capacity=capacity,
        start_date=start_date or timezone.localdate(),
        end_date=end_date,
    )
    membership.full_clean()
    membership.save()
    if role != BodyMembership.Role.GUEST:
        territory_member_ensure(territory=body.territory, person=person)
    return membership


@transaction.atomic
def membership_end(*, membership: BodyMembership, end_date: date | None = None) -> BodyMembership:
    """Close a membership: it stays in the body's history."""
    end_date = end_date or timezone.localdate()
    if end_date < membership.start_date:
        raise ValidationError(_("La date de fin précède la date de début."))
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    return membership
