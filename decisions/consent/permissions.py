"""Who may drive a proposal and who takes part, as the access policy says: the proposer
and whoever runs the meeting it is treated in or the body drive
(access.permissions.DRIVE_PROPOSAL); current members (guests excepted) take part."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from access.permissions import DRIVE_PROPOSAL, allowed
from access.roles import is_body_member
from accounts.models import Person
from decisions.models import Proposal


def can_drive(user: Person, proposal: Proposal) -> bool:
    return allowed(user, DRIVE_PROPOSAL, proposal)


def require_driver(user: Person, proposal: Proposal) -> None:
    if not can_drive(user, proposal):
        raise ValidationError(
            _(
                "Seul·es le porteur ou la porteuse et qui anime la réunion ou l’instance "
                "conduisent cette proposition."
            )
        )


def require_member(person: Person, proposal: Proposal) -> None:
    if not is_body_member(person, proposal.body):
        raise ValidationError(
            _("Seul·es les membres de l’instance y prennent part ; les invité·es suivent.")
        )
