"""Reads for decisions: every framework, proposal and decision is reached through these
helpers, scoped to the bodies the user may see (bodies.selectors.bodies_for). Outsiders
get 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import bodies_for
from decisions.models import Decision, Proposal
from governance.models import Framework, FrameworkObject


def frameworks_for(user: Person) -> QuerySet[Framework]:
    return Framework.objects.filter(body__in=bodies_for(user))


def get_framework_for_user(user: Person, pk: int) -> Framework:
    return get_object_or_404(frameworks_for(user).select_related("body__territory"), pk=pk)


def get_object_for_user(user: Person, pk: int) -> FrameworkObject:
    return get_object_or_404(
        FrameworkObject.objects.filter(framework__in=frameworks_for(user)).select_related(
            "framework__body__territory"
        ),
        pk=pk,
    )


def current_framework(body: Body) -> Framework | None:
    """The latest adopted version, or None while the body has not adopted one."""
    return (
        Framework.objects.filter(body=body, adopted_on__isnull=False).order_by("-version").first()
    )


def proposals_for(user: Person) -> QuerySet[Proposal]:
    return Proposal.objects.filter(body__in=bodies_for(user))


def get_proposal_for_user(user: Person, pk: int) -> Proposal:
    return get_object_or_404(
        proposals_for(user).select_related(
            "body__territory",
            "object",
            "proposer",
            "item__meeting",
            "last_speaker",
            "charter",
            "framework",
        ),
        pk=pk,
    )


def decisions_for(user: Person) -> QuerySet[Decision]:
    return Decision.objects.filter(body__in=bodies_for(user))


def get_decision_for_user(user: Person, pk: int) -> Decision:
    return get_object_or_404(
        decisions_for(user).select_related(
            "body__territory", "object", "meeting", "item", "proposal", "amends", "supersedes"
        ),
        pk=pk,
    )
