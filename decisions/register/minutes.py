"""What the minutes draft says the meeting adopted: the register entries recorded in it,
with their numbers. Inscribed in minutes' registry (minutes.drafting) by
DecisionsConfig.ready(): minutes sits below decisions and never imports it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from decisions.models import Decision
from meetings.models import Meeting
from minutes.drafting import Adopted


def _label(decision: Decision) -> str:
    reference = {"reference": decision.reference}
    if decision.kind == Decision.Kind.OPINION:
        return _("Avis %(reference)s adopté") % reference
    if decision.kind == Decision.Kind.PROPOSAL:
        return _("Proposition %(reference)s adoptée") % reference
    if decision.kind == Decision.Kind.INFORMATION:
        return _("Information %(reference)s partagée") % reference
    return _("Décision %(reference)s adoptée") % reference


def adopted_in_meeting(meeting: Meeting) -> list[Adopted]:
    """The entries adopted in the meeting, in the register's order. One query."""
    return [
        Adopted(item_id=decision.item_id, label=_label(decision), title=decision.title)
        for decision in Decision.objects.filter(meeting=meeting).order_by("year", "sequence", "pk")
    ]
