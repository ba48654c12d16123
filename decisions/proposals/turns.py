"""Writes of a round: a participant's turn (an objection is recorded as such), the
amendments any member proposes and the driver integrates or declines, the proposer's
own change of the text, an objection withdrawn by its author."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from core.french import de_name
from decisions.consent.permissions import can_drive, require_driver, require_member
from decisions.consent.rules import TEXT_FROZEN_PHASES, TURN_ANSWERS, participants, waiting_for
from decisions.models import (
    Amendment,
    Objection,
    Proposal,
    ProposalVersion,
    Turn,
)
from decisions.proposals.guards import (
    clean_text,
    latest_version_number,
    lock_proposal,
    new_version,
    require_amendable,
    require_open,
    sync_proposal,
    touch_live,
)

Phase = Proposal.Phase
Answer = Turn.Answer


def _check_turn_order(proposal: Proposal, person: Person, waiting: list[Person]) -> None:
    """One turn per round. Live, each one answers (or is recorded) when it is their turn,
    by name; asynchronously in any order. Either way the last speaker (the nominee of an
    election) answers once every other participant has."""
    name = {"name": person.full_name}
    if person.pk not in {p.pk for p in waiting}:
        raise ValidationError(_("%(name)s a déjà répondu à ce tour.") % name)
    if proposal.mode == Proposal.Mode.LIVE:
        if waiting[0].pk != person.pk:
            raise ValidationError(
                _("Ce n’est pas le tour %(of_name)s : c’est à %(turn)s de répondre.")
                % {"of_name": de_name(person.full_name), "turn": waiting[0].full_name}
            )
    elif person.pk == proposal.last_speaker_id and len(waiting) > 1:
        raise ValidationError(
            _("%(name)s répond en dernier, une fois que tous les autres ont répondu.") % name
        )


def _check_answer(proposal: Proposal, answer: str) -> None:
    allowed = TURN_ANSWERS.get(proposal.phase)
    if allowed is None:
        raise ValidationError(_("Cette étape n’a pas de tour de parole."))
    if answer not in allowed:
        raise ValidationError({"answer": _("Cette réponse ne convient pas à cette étape.")})


@transaction.atomic
def turn_record(
    *,
    proposal: Proposal,
    person: Person,
    answer: str,
    text: str = "",
    recorded_by: Person,
) -> Turn:
    """A participant's turn in the current round: a question or reaction (or they pass),
    their consent or a reasoned objection (recorded as an Objection), their vote, their
    opinion. Someone else records it only live, as the driver, for the person whose turn
    it is."""
    locked = lock_proposal(proposal)
    require_open(locked)
    _check_answer(locked, answer)
    people = participants(locked)
    if person.pk not in {p.pk for p in people}:
        raise ValidationError(
            _("Seul·es les membres qui prennent part au tour y répondent ; les invité·es suivent.")
        )
    if recorded_by.pk != person.pk and (
        locked.mode != Proposal.Mode.LIVE or not can_drive(recorded_by, locked)
    ):
        raise ValidationError(_("Chacun·e répond pour soi."))
    _check_turn_order(locked, person, waiting_for(locked, people))
    text = clean_text(text)
    if answer == Answer.OBJECTION and not text:
        raise ValidationError(
            {"text": _("Une objection dit en quoi la proposition nuit aux buts de l’instance.")}
        )
    if answer == Answer.SPOKE and locked.mode == Proposal.Mode.ASYNC and not text:
        raise ValidationError({"text": _("Écrivez votre propos, ou passez votre tour.")})
    turn = Turn.objects.create(
        proposal=locked,
        phase=locked.phase,
        round_number=locked.round_number,
        person=person,
        answer=answer,
        text=text,
        recorded_by=recorded_by,
    )
    if answer == Answer.OBJECTION:
        Objection.objects.create(
            proposal=locked, author=person, reasoning=text, round_number=locked.round_number
        )
    touch_live(locked)
    return turn


def _new_amendment(
    locked: Proposal, author: Person, text: str, reason: str, responds_to: Objection | None
) -> Amendment:
    """Record an amendment on the latest version; the objection it answers must be one
    of this proposal's open objections."""
    if responds_to is not None and (
        responds_to.proposal_id != locked.pk or responds_to.status != Objection.Status.OPEN
    ):
        raise ValidationError({"responds_to": _("Cette objection n’est pas ouverte.")})
    return Amendment.objects.create(
        proposal=locked,
        author=author,
        base_version=latest_version_number(locked),
        text=text,
        reason=reason,
        responds_to=responds_to,
    )


@transaction.atomic
def amendment_propose(
    *,
    proposal: Proposal,
    author: Person,
    text: str,
    reason: str,
    responds_to: Objection | None = None,
) -> Amendment:
    """Any member proposes a new text (the whole of it), with the reason; it may answer
    an open objection."""
    locked = lock_proposal(proposal)
    require_open(locked)
    require_member(author, locked)
    require_amendable(locked)
    text = clean_text(text)
    reason = clean_text(reason)
    if not text:
        raise ValidationError({"text": _("Écrivez le texte amendé.")})
    if text == locked.text:
        raise ValidationError({"text": _("Le texte amendé est identique au texte actuel.")})
    if not reason:
        raise ValidationError({"reason": _("Dites pourquoi vous proposez cet amendement.")})
    amendment = _new_amendment(locked, author, text, reason, responds_to)
    touch_live(locked)
    return amendment


def _integrate(
    locked: Proposal, amendment: Amendment, actor: Person, response: str
) -> ProposalVersion:
    if locked.phase in TEXT_FROZEN_PHASES:
        raise ValidationError(
            _(
                "Le texte ne change pas pendant le tour d’objections ou le vote : "
                "passez à l’intégration."
            )
        )
    version = new_version(locked, amendment.text, amendment.author, amendment.reason, amendment)
    now = timezone.now()
    amendment.status = Amendment.Status.INTEGRATED
    amendment.response = response
    amendment.decided_by = actor
    amendment.decided_at = now
    amendment.save(update_fields=["status", "response", "decided_by", "decided_at"])
    if amendment.responds_to_id is not None:
        Objection.objects.filter(pk=amendment.responds_to_id, status=Objection.Status.OPEN).update(
            status=Objection.Status.INTEGRATED,
            resolved_by=amendment,
            resolved_at=now,
            resolution_note=response or amendment.reason,
        )
    return version


@transaction.atomic
def amendment_decide(
    *, amendment: Amendment, actor: Person, integrate: bool, response: str = ""
) -> Amendment:
    """The driver integrates the amendment (a new version of the text; the objection it
    answers is integrated) or declines it, saying why."""
    locked = lock_proposal(amendment.proposal)
    require_driver(actor, locked)
    require_open(locked)
    fresh = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if fresh.status != Amendment.Status.PROPOSED:
        raise ValidationError(_("Cet amendement a déjà été traité."))
    response = clean_text(response)
    if integrate:
        require_amendable(locked)
        if fresh.base_version != latest_version_number(locked):
            raise ValidationError(
                _(
                    "Le texte a changé depuis que cet amendement a été écrit : il faut le "
                    "reprendre sur la version actuelle."
                )
            )
        _integrate(locked, fresh, actor, response)
    else:
        if not response:
            raise ValidationError({"response": _("Dites pourquoi l’amendement n’est pas retenu.")})
        fresh.status = Amendment.Status.DECLINED
        fresh.response = response
        fresh.decided_by = actor
        fresh.decided_at = timezone.now()
        fresh.save(update_fields=["status", "response", "decided_by", "decided_at"])
    touch_live(locked)
    sync_proposal(amendment.proposal, locked)
    for name in ("status", "response", "decided_by_id", "decided_at"):
        setattr(amendment, name, getattr(fresh, name))
    return fresh


@transaction.atomic
def proposal_amend_text(
    *,
    proposal: Proposal,
    actor: Person,
    text: str,
    reason: str,
    responds_to: Objection | None = None,
) -> ProposalVersion:
    """The proposer (or the driver) changes the text: in the draft, or in the amendment
    and integration phases. Once open, the change is kept as an integrated amendment,
    which may answer an open objection."""
    locked = lock_proposal(proposal)
    require_driver(actor, locked)
    require_amendable(locked)
    text = clean_text(text)
    reason = clean_text(reason)
    if not text:
        raise ValidationError({"text": _("Écrivez le texte proposé.")})
    if text == locked.text:
        raise ValidationError({"text": _("Le texte est identique au texte actuel.")})
    if locked.phase == Phase.DRAFT:
        version = new_version(locked, text, actor, reason)
    else:
        if locked.phase not in (Phase.AMENDMENT, Phase.INTEGRATION):
            raise ValidationError(
                _(
                    "Le porteur ou la porteuse amende le texte à l’étape d’amendement ou "
                    "d’intégration."
                )
            )
        if not reason:
            raise ValidationError({"reason": _("Dites pourquoi le texte change.")})
        amendment = _new_amendment(locked, actor, text, reason, responds_to)
        version = _integrate(locked, amendment, actor, "")
    touch_live(locked)
    sync_proposal(proposal, locked)
    return version


@transaction.atomic
def objection_withdraw(*, objection: Objection, person: Person, note: str = "") -> Objection:
    """Its author withdraws an open objection (in the objections round it was raised,
    this counts as their consent)."""
    locked = lock_proposal(objection.proposal)
    require_open(locked)
    fresh = Objection.objects.select_for_update().get(pk=objection.pk)
    if fresh.author_id != person.pk:
        raise ValidationError(_("Seul·e son auteur·rice retire une objection."))
    if fresh.status != Objection.Status.OPEN:
        raise ValidationError(_("Cette objection n’est plus ouverte."))
    fresh.status = Objection.Status.WITHDRAWN
    fresh.resolved_at = timezone.now()
    fresh.resolution_note = clean_text(note)
    fresh.save(update_fields=["status", "resolved_at", "resolution_note"])
    objection.status = fresh.status
    objection.resolved_at = fresh.resolved_at
    objection.resolution_note = fresh.resolution_note
    touch_live(locked)
    return fresh
