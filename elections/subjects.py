"""An election is a kind of proposal subject (decisions/proposals/subjects.py): the
consent proposal that puts a nominee to the members carries the election, and adopting
it assigns the role (step 7). Withdrawn, another person may be proposed (services
`can_propose_now` reads the proposal's phase): nothing to release."""

from __future__ import annotations

from django.db.models import Model

from decisions.models import Decision, Proposal
from decisions.proposals.subjects import register
from elections.models import Election, ElectionProposal
from elections.services import election_assign


class ElectionSubject:
    # The proposal's text presents the nominee; it stands for itself.
    summarises = ""

    def filed(self, subject: Model, proposal: Proposal) -> None:
        """The election moves to its consent step in election_propose."""

    def released(self, subject: Model, proposal: Proposal) -> None:
        """Nothing is held while the proposal runs."""

    def adopted(self, subject: Model, proposal: Proposal, decision: Decision) -> None:
        """The nominee of this proposal gets the role, from the decision's date."""
        election_proposal = ElectionProposal.objects.select_related(
            "election__body", "election__target_body", "nominee"
        ).get(proposal=proposal)
        election_assign(election_proposal=election_proposal, decided_on=decision.decided_on)


def register_election_subject() -> None:
    register(Election, ElectionSubject())
