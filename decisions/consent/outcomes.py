"""What a proposal would make and what stops it: the kind of the register entry (the
body's authority on the proposal's object rules: an opinion where it only gives
opinions, never a decision) and the reasons it cannot be adopted now (silence is never
consent). Pure reads."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from decisions.consent.rules import (
    consenting_ids,
    current_turns,
    deadline_passed,
    governs_itself,
    participants,
    vote_tally,
)
from decisions.models import (
    Decision,
    Objection,
    Process,
    Proposal,
)
from governance.models import Authority
from governance.selectors import current_framework

Phase = Proposal.Phase


def outcome_kind(proposal: Proposal) -> tuple[str, str]:
    """The kind of the register entry the proposal would make, and why (in French, for
    the page and the entry's `authority_note`). The body's authority on the object rules:
    an opinion where it only gives opinions, never a decision."""
    if proposal.process == Process.INFORMATION:
        return Decision.Kind.INFORMATION, _("Information partagée avec l’instance.")
    obj = proposal.object
    if obj is None:
        if proposal.process == Process.OPINION:
            return Decision.Kind.OPINION, _("Avis collectif de l’instance.")
        if governs_itself(proposal):
            return Decision.Kind.DECISION, _(
                "Sans objet du cadre de référence : la proposition porte sur le fonctionnement "
                "de l’instance elle-même (charte, cadre, élection), qu’elle décide."
            )
        # Anything else needs an object the framework lets the body decide on: without
        # one, what the body adopts is at most an opinion.
        if current_framework(proposal.body) is None:
            return Decision.Kind.OPINION, _(
                "L’instance n’a pas encore adopté de cadre de référence : tant qu’il ne dit "
                "pas sur quoi elle décide, ce qu’elle adopte est un avis, jamais une décision."
            )
        return Decision.Kind.OPINION, _(
            "La proposition ne porte sur aucun objet du cadre de référence : ce que "
            "l’instance adopte est un avis, jamais une décision."
        )
    title = obj.title
    if obj.authority == Authority.INFORMATION:
        return Decision.Kind.INFORMATION, _(
            "Sur « %(object)s », le cadre de référence prévoit que l’instance est informée : "
            "elle n’y donne ni avis ni décision."
        ) % {"object": title}
    if obj.authority == Authority.OPINION:
        return Decision.Kind.OPINION, _(
            "Sur « %(object)s », le cadre de référence prévoit que l’instance donne un avis : "
            "ce qu’elle adopte est un avis, jamais une décision."
        ) % {"object": title}
    if proposal.process == Process.OPINION:
        return Decision.Kind.OPINION, _("Avis collectif de l’instance sur « %(object)s ».") % {
            "object": title
        }
    if obj.authority == Authority.PROPOSAL:
        return Decision.Kind.PROPOSAL, _(
            "Sur « %(object)s », le cadre de référence prévoit que l’instance propose : ce "
            "qu’elle adopte est une proposition, que d’autres décident."
        ) % {"object": title}
    return Decision.Kind.DECISION, _(
        "Sur « %(object)s », le cadre de référence prévoit que l’instance décide."
    ) % {"object": title}


def adoption_blockers(proposal: Proposal) -> list[str]:
    """Why the proposal cannot be adopted now (empty when it can), in French."""
    if not proposal.is_open:
        return [_("La proposition n’est pas en cours.")]
    if proposal.process == Process.CONSENT:
        return _consent_blockers(proposal)
    if proposal.process == Process.VOTE:
        if proposal.phase != Phase.VOTING:
            return [_("Le vote n’est pas encore ouvert.")]
        silence = silence_blockers(proposal)
        if silence:
            return silence
        tally = vote_tally(proposal)
        if not tally.adopted:
            return [
                _(
                    "La proposition n’atteint pas le seuil : %(for)s pour, %(against)s contre "
                    "(seuil %(threshold)s %%)."
                )
                % {"for": tally.for_, "against": tally.against, "threshold": tally.threshold}
            ]
        return []
    if proposal.process == Process.OPINION:
        if proposal.phase != Phase.OPINIONS:
            return [_("Le tour des avis n’a pas encore eu lieu.")]
        silence = silence_blockers(proposal)
        if silence:
            return silence
        if not proposal.opinion_text:
            return [_("L’avis de l’instance n’est pas encore écrit.")]
    return []


def silence_blockers(proposal: Proposal) -> list[str]:
    """A vote is counted, a collective opinion adopted, once every participant has
    answered the round; asynchronously, once its deadline has passed (silence is then
    simply not counted), provided someone answered."""
    answered = {t.person_id for t in current_turns(proposal)}
    if deadline_passed(proposal):
        if not answered:
            return [_("Personne n’a répondu à ce tour.")]
        return []
    silent = [p.full_name for p in participants(proposal) if p.pk not in answered]
    if not silent and not answered:
        return [_("Personne ne prend part au tour.")]
    if not silent:
        return []
    names = {"names": ", ".join(silent)}
    if proposal.mode == Proposal.Mode.ASYNC:
        return [
            _(
                "Tout le monde n’a pas encore répondu : %(names)s. Le tour se conclut quand "
                "chacun·e a répondu, ou une fois l’échéance passée."
            )
            % names
        ]
    return [_("Tout le monde n’a pas encore répondu : %(names)s.") % names]


def _consent_blockers(proposal: Proposal) -> list[str]:
    reasons: list[str] = []
    if proposal.phase != Phase.OBJECTIONS:
        reasons.append(_("L’adoption se fait à l’issue d’un tour d’objections."))
        return reasons
    # Three reads: the objections, the participants, the round's turns (the current
    # phase is the objections round, so its turns are also those consenting_ids reads).
    objections = list(proposal.objections.all())
    open_objections = sum(1 for o in objections if o.status == Objection.Status.OPEN)
    if open_objections:
        reasons.append(
            ngettext(
                "%(count)d objection reste ouverte.",
                "%(count)d objections restent ouvertes.",
                open_objections,
            )
            % {"count": open_objections}
        )
    people = participants(proposal)
    if not people:
        reasons.append(_("Personne ne prend part au tour."))
    turns = current_turns(proposal)
    consenting = consenting_ids(proposal, turns, objections)
    missing = [p.full_name for p in people if p.pk not in consenting]
    answered = {t.person_id for t in turns}
    silent = [p.full_name for p in people if p.pk not in answered]
    if silent:
        reasons.append(
            _("Le silence ne vaut pas consentement : %(names)s n’ont pas encore répondu.")
            % {"names": ", ".join(silent)}
        )
    elif missing and not open_objections:
        reasons.append(
            _("Tout le monde n’a pas consenti : %(names)s.") % {"names": ", ".join(missing)}
        )
    return reasons
