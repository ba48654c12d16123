"""Adoption: the register entry (its kind follows the body's authority on the object),
then the proposal's subject adopted with it; and the count of a vote (adopted, or
rejected and its subject released)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from decisions.consent.outcomes import adoption_blockers, outcome_kind, silence_blockers
from decisions.consent.permissions import require_driver
from decisions.consent.rules import vote_tally
from decisions.models import (
    Decision,
    Process,
    Proposal,
    Turn,
)
from decisions.proposals.guards import lock_proposal, sync_proposal, touch_live
from decisions.proposals.subjects import kind_of, release_subject
from decisions.register.services import decision_record

Phase = Proposal.Phase


def _takers(proposal: Proposal) -> list[Person]:
    ids = Turn.objects.filter(proposal=proposal).values("person_id")
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))


@transaction.atomic
def proposal_adopt(
    *,
    proposal: Proposal,
    actor: Person,
    review_on: date | None = None,
    decided_on: date | None = None,
) -> Decision:
    """Adopt: refused while an objection stands or a participant has not consented in the
    latest objections round (silence is never consent), while a vote does not reach its
    threshold, or before the collective opinion is written. Writes the register entry,
    whose kind follows the body's authority on the object, then adopts the proposal's
    subject, if any (a version of the charter or the framework, an elected person):
    refused there, nothing is written."""
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    blockers = adoption_blockers(locked)
    if blockers:
        raise ValidationError(blockers)
    kind, why = outcome_kind(locked)
    review_on = review_on or locked.review_on
    item = locked.item
    text = locked.opinion_text if locked.process == Process.OPINION else locked.text
    decision = decision_record(
        body=locked.body,
        kind=kind,
        process=locked.process,
        title=locked.title,
        text=text,
        decided_on=decided_on,
        recorded_by=actor,
        participants=_takers(locked),
        proposal=locked,
        meeting=item.meeting if item is not None else None,
        item=item,
        object=locked.object,
        review_on=review_on,
        amends=locked.amends,
        supersedes=locked.supersedes,
        authority_note=why,
    )
    locked.phase = Phase.ADOPTED
    locked.review_on = review_on
    locked.closed_at = timezone.now()
    locked.deadline = None
    locked.save(update_fields=["phase", "review_on", "closed_at", "deadline"])
    if locked.subject is not None:
        kind_of(locked.subject).adopted(locked.subject, locked, decision)
    touch_live(locked)
    sync_proposal(proposal, locked)
    return decision


@transaction.atomic
def vote_close(
    *, proposal: Proposal, actor: Person, review_on: date | None = None
) -> Decision | None:
    """Count the votes: adopted (the register entry) or rejected (None)."""
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    if locked.process != Process.VOTE or locked.phase != Phase.VOTING:
        raise ValidationError(_("Le vote n’est pas ouvert."))
    silence = silence_blockers(locked)
    if silence:
        raise ValidationError(silence)
    if vote_tally(locked).adopted:
        return proposal_adopt(proposal=proposal, actor=actor, review_on=review_on)
    locked.phase = Phase.REJECTED
    locked.closed_at = timezone.now()
    locked.deadline = None
    locked.save(update_fields=["phase", "closed_at", "deadline"])
    release_subject(locked)
    touch_live(locked)
    sync_proposal(proposal, locked)
    return None
