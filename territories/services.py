"""Writes on territories, access and positions. Each one is a single transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from territories.models import Organisation, Position, Territory, TerritoryMember


def territory_member_ensure(
    *, territory: Territory, person: Person, role: str = TerritoryMember.Role.MEMBER
) -> TerritoryMember:
    """Give a person access to a territory; an existing access is only ever raised to admin."""
    member, created = TerritoryMember.objects.get_or_create(
        territory=territory, person=person, defaults={"role": role}
    )
    if not created and role == TerritoryMember.Role.ADMIN and member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def position_create(
    *,
    person: Person,
    organisation: Organisation,
    function: str,
    title: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
) -> Position:
    """Record that a person holds a function in an organisation; it gives access to
    the organisation's territory, unless the organisation is an external partner."""
    if organisation.ended_on is not None:
        raise ValidationError(_("Cette organisation ne fait plus partie du territoire."))
    position = Position(
        person=person,
        organisation=organisation,
        function=function,
        title=title,
        start_date=start_date or timezone.localdate(),
        end_date=end_date,
    )
    position.full_clean()
    position.save()
    if organisation.kind != Organisation.Kind.PARTNER:
        # An external partner's people see what they are invited to, not the territory.
        territory_member_ensure(territory=organisation.territory, person=person)
    return position


@transaction.atomic
def position_end(*, position: Position, end_date: date | None = None) -> Position:
    """Close a position: it stays in the person's history."""
    end_date = end_date or timezone.localdate()
    if position.start_date and end_date < position.start_date:
        raise ValidationError(_("La date de fin précède la date de début."))
    position.end_date = end_date
    position.save(update_fields=["end_date"])
    return position


# Kinds an administrator may add by hand; the EPCI and communes come from the official data.
MANUAL_ORGANISATION_KINDS = (
    Organisation.Kind.SYNDICATE,
    Organisation.Kind.SHARED_SERVICE,
    Organisation.Kind.PARTNER,
)


@transaction.atomic
def organisation_details_update(
    *, organisation: Organisation, address: str, description: str
) -> Organisation:
    """The local facts of an organisation, official or not: its postal address (where
    its meetings are held: the calendar invitation's place) and its presentation. The
    official import never overwrites them."""
    organisation.address = address.strip()
    organisation.description = description.strip()
    organisation.full_clean()
    organisation.save(update_fields=["address", "description"])
    return organisation


@transaction.atomic
def organisation_create(
    *,
    territory: Territory,
    kind: str,
    name: str,
    siren: str = "",
    parent: Organisation | None = None,
    address: str = "",
    description: str = "",
) -> Organisation:
    """Add a syndicat, a service commun or a partner to a territory."""
    if kind not in MANUAL_ORGANISATION_KINDS:
        raise ValidationError(
            {"kind": _("Les communes et l'EPCI viennent des données officielles.")}
        )
    if parent is not None and parent.territory_id != territory.pk:
        raise ValidationError({"parent": _("Cette organisation relève d'un autre territoire.")})
    if territory.organisations.filter(name__iexact=name.strip(), ended_on__isnull=True).exists():
        raise ValidationError({"name": _("Une organisation porte déjà ce nom dans le territoire.")})
    organisation = Organisation(
        territory=territory,
        kind=kind,
        name=name.strip(),
        siren=siren,
        parent=parent,
        address=address,
        description=description,
    )
    organisation.full_clean()
    organisation.save()
    return organisation
