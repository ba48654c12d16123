"""Writes of the reference framework (cadre de référence)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from decisions.models import Decision, Framework, Proposal


def framework_adopted_by_consent(*, proposal: Proposal, decision: Decision) -> Framework:
    """The framework version the proposal carried is adopted on the decision's date
    (called inside the adoption's transaction, by decisions/receivers.py)."""
    framework = Framework.objects.select_for_update().get(pk=proposal.framework_id)
    if framework.is_adopted:
        raise ValidationError(_("Cette version du cadre de référence est déjà adoptée."))
    framework.adopted_on = decision.decided_on
    framework.save(update_fields=["adopted_on"])
    return framework
