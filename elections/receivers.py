"""Step 7: when the consent proposal of an election is adopted, the role is assigned."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from decisions.models import Decision, Proposal
from decisions.signals import proposal_adopted
from elections.models import ElectionProposal
from elections.services import election_assign


@receiver(proposal_adopted, dispatch_uid="elections.assign_role")
def assign_role(sender: Any, *, proposal: Proposal, decision: Decision, **_: Any) -> None:
    election_proposal = (
        ElectionProposal.objects.filter(proposal=proposal)
        .select_related("election__body", "election__target_body", "nominee")
        .first()
    )
    if election_proposal is not None:
        election_assign(election_proposal=election_proposal, decided_on=decision.decided_on)
