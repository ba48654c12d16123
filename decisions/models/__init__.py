"""Decisions of a body: the proposals it treats by consent, vote, collective opinion or
information, and the register of what it decided (relevé de décisions). The reference
framework whose objects they are taken on lives in governance.

Glossary: "proposition" = proposal; "objection", "amendement"; "relevé de décisions" =
the decision register; "avis" = opinion.

Rules the models carry (the services in decisions/proposals/ and decisions/register/
enforce the rest):
- a proposal's text changes only through a new ProposalVersion (its history is kept);
- a Decision is never edited after it is recorded: a later decision amends or supersedes
  it, and both show the link.
"""

from decisions.models.exports import RegisterExportJob
from decisions.models.proposals import Process, Proposal, ProposalVersion
from decisions.models.register import (
    DECISION_IMMUTABLE,
    DECISION_UNDELETABLE,
    Decision,
    DecisionQuerySet,
)
from decisions.models.rounds import Amendment, Objection, ProposalReminder, Turn

__all__ = [
    "DECISION_IMMUTABLE",
    "DECISION_UNDELETABLE",
    "Amendment",
    "Decision",
    "DecisionQuerySet",
    "Objection",
    "Process",
    "Proposal",
    "ProposalReminder",
    "ProposalVersion",
    "RegisterExportJob",
    "Turn",
]
