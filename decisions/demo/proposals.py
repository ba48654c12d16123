"""Demo: one proposal of the strategic codir in an asynchronous consent round, through
the consent services. Nadia Poirier, secrétaire de mairie of the smallest commune,
proposes a shared pool of replacement secretaries; the questions and reactions rounds
are done, she amended her text after the reactions, and the objections round closes in
five days: five members have consented, Sophie Garnier objected (and proposed an
amendment that answers her objection), three have not answered yet.

Idempotent: the proposal is recognised by its title in the codir."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import first_codir
from decisions.consent.rules import waiting_for
from decisions.models import Objection, Proposal, Turn
from decisions.proposals.services import Scope, proposal_advance, proposal_create, proposal_open
from decisions.proposals.turns import amendment_propose, proposal_amend_text, turn_record
from governance.models import FrameworkObject
from territories.models import Territory

DEMO_DOMAIN = "demo-achards.test"
Phase = Proposal.Phase
Answer = Turn.Answer

TITLE = "Un pool de secrétaires de mairie remplaçant·es, partagé entre les communes"
OBJECT = "Remplacement des secrétaires de mairie"
PROPOSER = "nadia.poirier"
TEXT = (
    "La communauté de communes recrute deux secrétaires de mairie remplaçant·es, mis·es à "
    "disposition des communes pendant les congés, arrêts et vacances de poste.\n\n"
    "- Les demandes passent par un planning partagé, tenu par le service RH de l'EPCI.\n"
    "- Le coût est réparti entre les communes au prorata de leur population."
)
AMENDED = (
    "La communauté de communes recrute deux secrétaires de mairie remplaçant·es, mis·es à "
    "disposition des communes pendant les congés, arrêts et vacances de poste.\n\n"
    "- Les demandes passent par un planning partagé, tenu par le service RH de l'EPCI.\n"
    "- Les communes de moins de 1 000 habitants sont prioritaires en cas de demandes "
    "simultanées.\n"
    "- Le coût est réparti entre les communes au prorata de leur population."
)
SOPHIE_TEXT = AMENDED.replace(
    "- Le coût est réparti entre les communes au prorata de leur population.",
    "- Le coût est réparti pour moitié à parts égales entre les communes, pour moitié au "
    "prorata des jours de remplacement utilisés.",
)
CONTEXT = (
    "Trois communes ont fermé leur mairie plusieurs jours l'an dernier faute de "
    "remplaçant·e. Le centre de gestion ne couvre pas les absences courtes."
)
QUESTIONS = {
    "claire.morvan": "Les remplaçant·es seraient-ils rattaché·es au service commun RH ?",
    "pierre.auger": "Que se passe-t-il si deux communes demandent la même semaine ?",
}
REACTIONS = {
    "sophie.garnier": "L'idée est bonne ; la répartition du coût me pose question.",
    "marc.tessier": "Il faut que les petites communes passent en premier.",
}
CONSENTING = ["claire.morvan", "yannick.le-goff", "julien.brehier", "lucie.hamon", PROPOSER]
OBJECTOR = "sophie.garnier"
OBJECTION = (
    "Au prorata de la population, les Achards paieraient près d'un tiers du coût alors "
    "que la commune a son propre agent de remplacement : la répartition nuit à l'équité "
    "que le codir s'est donnée comme but."
)


def _codir(territory: Territory) -> Body | None:
    return first_codir(territory)


def _person(key: str) -> Person:
    return Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _object(body: Body) -> FrameworkObject | None:
    return (
        FrameworkObject.objects.filter(
            framework__body=body, framework__adopted_on__isnull=False, title=OBJECT
        )
        .order_by("-framework__version")
        .first()
    )


def _round(proposal: Proposal, texts: dict[str, str]) -> None:
    """Those with something to say speak; the others pass."""
    by_key = {key: _person(key).pk for key in texts}
    said = {pk: texts[key] for key, pk in by_key.items()}
    for person in waiting_for(proposal):
        text = said.get(person.pk, "")
        turn_record(
            proposal=proposal,
            person=person,
            answer=Answer.SPOKE if text else Answer.PASSED,
            text=text,
            recorded_by=person,
        )


@transaction.atomic
def demo_proposals(territory: Territory) -> Proposal | None:
    body = _codir(territory)
    if body is None:
        return None
    existing = Proposal.objects.filter(body=body, title=TITLE).first()
    if existing is not None:
        return existing
    proposer = _person(PROPOSER)
    proposal = proposal_create(
        body=body,
        proposer=proposer,
        title=TITLE,
        text=TEXT,
        context=CONTEXT,
        scope=Scope(object=_object(body)),
    )
    proposal_open(proposal=proposal, actor=proposer)
    proposal_advance(proposal=proposal, actor=proposer)  # clarifying questions
    _round(proposal, QUESTIONS)
    proposal_advance(proposal=proposal, actor=proposer)  # reactions
    _round(proposal, REACTIONS)
    proposal_advance(proposal=proposal, actor=proposer)  # amendment by the proposer
    proposal_amend_text(
        proposal=proposal,
        actor=proposer,
        text=AMENDED,
        reason="Suite aux réactions : les petites communes sont prioritaires.",
    )
    proposal_advance(proposal=proposal, actor=proposer, deadline=timezone.now() + timedelta(days=5))
    for key in CONSENTING:
        person = _person(key)
        turn_record(proposal=proposal, person=person, answer=Answer.CONSENT, recorded_by=person)
    objector = _person(OBJECTOR)
    turn_record(
        proposal=proposal,
        person=objector,
        answer=Answer.OBJECTION,
        text=OBJECTION,
        recorded_by=objector,
    )
    amendment_propose(
        proposal=proposal,
        author=objector,
        text=SOPHIE_TEXT,
        reason="Une part fixe égale et une part à l'usage : chaque commune paie ce qu'elle "
        "utilise.",
        responds_to=Objection.objects.get(proposal=proposal, author=objector),
    )
    return proposal
