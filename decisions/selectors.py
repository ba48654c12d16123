"""Reads for decisions: every proposal, amendment and decision is reached through these
helpers, scoped to the bodies the user may see (access.scopes). Outsiders get 404.
(The framework and its objects are governance's: governance/selectors.py.)"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from access.scopes import in_visible_bodies
from accounts.models import Person
from decisions.models import Amendment, Decision, Objection, Proposal


def proposals_for(user: Person) -> QuerySet[Proposal]:
    return in_visible_bodies(Proposal.objects.all(), user)


def get_proposal_for_user(user: Person, pk: int) -> Proposal:
    return get_object_or_404(
        proposals_for(user).select_related(
            "body__territory",
            "object",
            "proposer",
            "item__meeting",
            "last_speaker",
            "subject_type",
        ),
        pk=pk,
    )


def get_amendment_for_user(user: Person, pk: int) -> Amendment:
    return get_object_or_404(
        in_visible_bodies(Amendment.objects.select_related("proposal"), user, "proposal__body"),
        pk=pk,
    )


def get_objection_for_user(user: Person, pk: int) -> Objection:
    return get_object_or_404(
        in_visible_bodies(Objection.objects.select_related("proposal"), user, "proposal__body"),
        pk=pk,
    )


def decisions_for(user: Person) -> QuerySet[Decision]:
    # The stored search vector is read by the database only (the search filters and
    # ranks on it): lists need not carry it.
    return in_visible_bodies(Decision.objects.defer("search_vector"), user)


def get_decision_for_user(user: Person, pk: int) -> Decision:
    return get_object_or_404(
        decisions_for(user).select_related(
            "body__territory", "object", "meeting", "item", "proposal", "amends", "supersedes"
        ),
        pk=pk,
    )
