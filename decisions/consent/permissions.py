"""Who may drive a proposal and who takes part, through today's helpers of bodies (the
lead moves them to the access app): the proposer, the body's facilitator, the
meeting's facilitator, the territory's administrators drive; current members (guests
excepted) take part."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.selectors import can_manage_body, is_body_facilitator, is_body_member
from decisions.models import Proposal
from meetings.models import AgendaItem


def can_drive(user: Person, proposal: Proposal) -> bool:
    """The proposer, the body's facilitator, the meeting's facilitator (proposal treated
    in a meeting), the territory's administrators."""
    if not user.is_authenticated:
        return False
    if user.pk == proposal.proposer_id:
        return True
    if proposal.item_id is not None:
        facilitator = (
            AgendaItem.objects.filter(pk=proposal.item_id)
            .values_list("meeting__facilitator_id", flat=True)
            .first()
        )
        if facilitator is not None and facilitator == user.pk:
            return True
    return is_body_facilitator(user, proposal.body) or can_manage_body(user, proposal.body)


def require_driver(user: Person, proposal: Proposal) -> None:
    if not can_drive(user, proposal):
        raise ValidationError(
            _(
                "Seul·es le porteur ou la porteuse, l’animateur·rice et les administrateur·rices "
                "conduisent cette proposition."
            )
        )


def require_member(person: Person, proposal: Proposal) -> None:
    if not is_body_member(person, proposal.body):
        raise ValidationError(
            _("Seul·es les membres de l’instance y prennent part ; les invité·es suivent.")
        )
