"""Template tags through which lower apps' pages show what decisions knows about their
objects, without importing decisions: the proposal that carries a text to consent, the
register entry that adopted it, the decisions taken on each object of a framework, and
the consent panels of the live meeting."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import template
from django.db.models import Count, Model
from django.http import HttpRequest

from decisions.consent.rules import TURN_PHASES
from decisions.models import Decision, Proposal
from decisions.proposals.selectors import proposals_for_item
from decisions.proposals.state import proposal_state
from decisions.proposals.subjects import adoption_decision, pending_proposal
from governance.models import Framework, FrameworkObject

register = template.Library()


@register.simple_tag
def subject_proposal(subject: Model) -> Proposal | None:
    """The proposal that carries `subject` (a charter or framework version) and is not
    closed: while it runs, the draft is frozen."""
    return pending_proposal(subject)


@register.simple_tag
def subject_decision(subject: Model) -> Decision | None:
    """The register entry that adopted `subject` by consent, if any."""
    return adoption_decision(subject)


@register.simple_tag
def decision_counts_of(framework: Framework) -> dict[UUID, int]:
    """How many decisions of the register were taken on each object of the version,
    under any version (by lineage). One query."""
    lineages = FrameworkObject.objects.filter(framework=framework).values("lineage")
    rows = (
        Decision.objects.filter(body_id=framework.body_id, object__lineage__in=lineages)
        .values("object__lineage")
        .annotate(count=Count("pk"))
    )
    return {row["object__lineage"]: row["count"] for row in rows}


@register.filter
def count_of(counts: dict[UUID, int], obj: FrameworkObject) -> int:
    return counts.get(obj.lineage, 0)


@register.inclusion_tag("decisions/live/_panels.html", takes_context=True)
def consent_panels(context: template.Context) -> dict[str, Any]:
    """On the live page (meetings/live/_state.html): the consent panel of each proposal
    treated on the current item (withdrawn ones left out), for the viewing user."""
    state = context["state"]
    request = context["request"]
    item = state.current
    proposals = proposals_for_item(item.pk) if item is not None else []
    return {
        "panels": [proposal_state(p, request.user) for p in proposals],
        "state": state,
        "refused_turn": _refused_turn(request, context.get("error") or ""),
    }


def _refused_turn(request: HttpRequest, error: str) -> dict[str, Any] | None:
    """A turn the panel just refused (an objection without its reason): the answer is
    shown again with the error beside the text, and what was typed is kept."""
    match = request.resolver_match
    if not error or request.method != "POST" or request.POST.get("action") != "turn":
        return None
    if match is None or match.url_name != "live_consent":
        return None
    return {
        "proposal": match.kwargs.get("pk"),
        "text": request.POST.get("text", ""),
        "error": error,
    }


@register.simple_tag(takes_context=True)
def consent_round_running(context: template.Context) -> bool:
    """On the live page: is a consent (or vote, or opinion) round running on the current
    item? Then its own turn order is the one that matters, and the item's speaking round
    steps aside, so that the page never shows two "C'est au tour de". One query."""
    item = context["state"].current
    if item is None:
        return False
    return Proposal.objects.filter(
        item_id=item.pk, mode=Proposal.Mode.LIVE, phase__in=TURN_PHASES
    ).exists()
