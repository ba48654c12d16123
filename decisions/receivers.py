"""What adopting a proposal does to its subject: a charter version or a framework version
adopted by consent is adopted (the elections app has its own receiver)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from decisions.models import Decision, Proposal
from decisions.signals import proposal_adopted


@receiver(proposal_adopted, dispatch_uid="decisions.adopt_subject")
def adopt_subject(sender: Any, *, proposal: Proposal, decision: Decision, **_: Any) -> None:
    from decisions.framework_services import framework_adopted_by_consent
    from meetings.services import charter_adopted_by_consent

    if proposal.charter_id is not None:
        charter_adopted_by_consent(proposal=proposal, decision=decision)
    if proposal.framework_id is not None:
        framework_adopted_by_consent(proposal=proposal, decision=decision)
