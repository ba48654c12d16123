"""Demo register of the strategic codir: twenty past entries over the last eighteen
months, each one a proposal treated through the consent services (turns, participants,
text versions), on the objects of the demo framework (decisions/demo/governance.py).

Among them: decisions amended by a later one, one superseded, one whose objection was
integrated by an amendment, avis on objects where the codir only gives an opinion,
information shared, one decision treated live in the last meeting held (linked to its
agenda item), and a few review dates soon or passed.

Idempotent: an entry is recognised by its title in the codir's register. Runs after the
framework demo; without the framework's objects it does nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from decisions.consent.rules import TURN_PHASES, participants, waiting_for
from decisions.models import Decision, Objection, Process, Proposal, Turn
from decisions.proposals.adoption import proposal_adopt
from decisions.proposals.services import (
    Handling,
    Scope,
    opinion_record,
    proposal_advance,
    proposal_create,
    proposal_open,
)
from decisions.proposals.turns import amendment_decide, amendment_propose, turn_record
from governance.models import FrameworkObject
from meetings.models import AgendaItem, Meeting
from territories.models import Territory

DEMO_DOMAIN = "demo-achards.test"
Phase = Proposal.Phase
Answer = Turn.Answer

ACHATS = "Mutualisation des achats"
FORMATION = "Formation et intégration des agents"
REMPLACEMENT = "Remplacement des secrétaires de mairie"
ADS = "Instruction du droit des sols"
PACTE = "Pacte de gouvernance et projet de territoire"
VOIRIE = "Voirie et travaux"
CODIR = "Fonctionnement du codir"
INFOS = "Informations des communes"
PREVENTION_ITEM = "Document unique de prévention : une démarche commune"


@dataclass(frozen=True)
class DemoObjection:
    author: str  # person key
    reasoning: str
    amended_text: str
    reason: str
    response: str


@dataclass(frozen=True)
class DemoDecision:
    title: str
    object: str
    proposer: str  # person key (the proposer drives the proposal)
    days_ago: int
    text: str
    process: str = Process.CONSENT
    amends: str = ""  # title of an earlier entry
    supersedes: str = ""
    review_in: int | None = None  # days from today (negative: passed)
    reaction: str = ""
    opinion: str = ""  # the codir's collective opinion (process avis)
    objection: DemoObjection | None = None
    item: str = ""  # an agenda item of the last meeting held: treated live there


FOURNITURES = "Groupement de commandes pour les fournitures de bureau"
FORMATION_2025 = "Plan de formation commun des agents 2025"
REMPLACEMENTS = "Organisation des remplacements de secrétaires de mairie"
DOSSIERS = "Un dossier partagé par commune pour les documents du codir"

DECISIONS: list[DemoDecision] = [
    DemoDecision(
        FOURNITURES,
        ACHATS,
        "julien.brehier",
        520,
        "La communauté de communes coordonne un groupement de commandes pour les "
        "fournitures de bureau, ouvert aux neuf communes.\n\n"
        "- chaque commune dit ses besoins avant le 31 août ;\n"
        "- le marché est passé pour trois ans ;\n"
        "- chaque commune reste libre de ne pas y adhérer.",
        reaction="Les petites communes y gagnent : elles n'ont pas de service marchés.",
    ),
    DemoDecision(
        FORMATION_2025,
        FORMATION,
        "amandine.rocher",
        495,
        "Les communes et la communauté de communes bâtissent un plan de formation commun : "
        "les formations obligatoires (hygiène et sécurité, premiers secours) sont organisées "
        "sur le territoire, à tour de rôle dans chaque mairie.",
    ),
    DemoDecision(
        REMPLACEMENTS,
        REMPLACEMENT,
        "nadia.poirier",
        470,
        "Pendant l'absence d'une secrétaire de mairie, les communes voisines assurent les "
        "urgences (état civil, actes) selon un tableau de binômes tenu par le codir.",
        objection=DemoObjection(
            author="lucie.hamon",
            reasoning="Sans limite de durée, le binôme porte seul une seconde mairie pendant "
            "des mois : cela nuit au but du codir de ne laisser aucune commune isolée, "
            "ni aucune secrétaire épuisée.",
            amended_text="Pendant l'absence d'une secrétaire de mairie, les communes "
            "voisines assurent les urgences (état civil, actes) selon un tableau de binômes "
            "tenu par le codir, **pour trois semaines au plus** ; au-delà, le centre de "
            "gestion est sollicité pour un remplacement.",
            reason="Limiter la durée du binôme et prévoir le relais du centre de gestion.",
            response="Intégré : la limite de trois semaines protège les binômes.",
        ),
    ),
    DemoDecision(
        "Évolution de la convention du service commun ADS",
        ADS,
        "sophie.garnier",
        440,
        "Le codir propose aux maires que la convention du service commun d'instruction "
        "du droit des sols couvre aussi les certificats d'urbanisme opérationnels, avec une "
        "participation des communes calculée sur le nombre d'actes.",
        review_in=-30,
    ),
    DemoDecision(
        "Projet de pacte de gouvernance",
        PACTE,
        "claire.morvan",
        420,
        "Le codir donne un avis favorable au projet de pacte de gouvernance, en demandant "
        "que la conférence des maires se réunisse au moins deux fois par an.",
        reaction="La conférence des maires doit garder un vrai rôle, pas seulement formel.",
    ),
    DemoDecision(
        DOSSIERS,
        CODIR,
        "yannick.le-goff",
        400,
        "Les documents du codir sont rangés dans un dossier partagé par commune, sur le "
        "serveur de la communauté de communes.",
    ),
    DemoDecision(
        "Recrutements en cours dans les communes (printemps 2025)",
        INFOS,
        "pierre.auger",
        380,
        "Tour des recrutements : un agent technique aux Achards, une secrétaire de mairie "
        "à mi-temps au Girouard, un animateur jeunesse à Sainte-Flaive-des-Loups.",
        process=Process.INFORMATION,
    ),
    DemoDecision(
        "Groupement de commandes de fournitures élargi au papier recyclé",
        ACHATS,
        "julien.brehier",
        350,
        "Le groupement de commandes pour les fournitures de bureau comprend aussi le "
        "papier, recyclé par défaut ; les autres dispositions restent inchangées.",
        amends=FOURNITURES,
    ),
    DemoDecision(
        "Programme de voirie 2025-2026",
        VOIRIE,
        "julien.brehier",
        330,
        "Le programme de voirie communautaire 2025-2026.",
        process=Process.OPINION,
        opinion="Avis favorable au programme de voirie, en priorisant les abords des écoles "
        "et les voies partagées avec les cars scolaires.",
        review_in=-10,
    ),
    DemoDecision(
        "Journée d'accueil commune des nouveaux agents",
        FORMATION,
        "sophie.garnier",
        300,
        "Deux fois par an, les nouveaux agents des communes et de la communauté de "
        "communes sont accueillis ensemble pour une journée de découverte du territoire.",
        review_in=12,
    ),
    DemoDecision(
        "Remplacements : relais téléphonique du centre de gestion",
        REMPLACEMENT,
        "nadia.poirier",
        270,
        "Le tableau des binômes est complété par le numéro de relais du centre de gestion, "
        "joignable pendant les heures d'ouverture des mairies.",
        amends=REMPLACEMENTS,
    ),
    DemoDecision(
        "Achat groupé d'électricité",
        ACHATS,
        "yannick.le-goff",
        240,
        "Les communes volontaires rejoignent l'achat groupé d'électricité du syndicat "
        "départemental d'énergie pour 2026 et 2027.",
        review_in=-20,
    ),
    DemoDecision(
        "La plate-forme du codir remplace les dossiers partagés",
        CODIR,
        "claire.morvan",
        210,
        "Les documents du codir sont déposés sur sa plate-forme, avec les ordres du jour "
        "et les comptes-rendus ; les dossiers partagés par commune sont archivés.",
        supersedes=DOSSIERS,
    ),
    DemoDecision(
        "Calendrier budgétaire des communes 2026",
        INFOS,
        "lucie.hamon",
        180,
        "Chaque commune indique la date de son débat d'orientation budgétaire et du vote "
        "de son budget 2026.",
        process=Process.INFORMATION,
    ),
    DemoDecision(
        "Projet de territoire : volet mutualisation",
        PACTE,
        "claire.morvan",
        150,
        "Le volet mutualisation du projet de territoire 2021-2030, révisé.",
        process=Process.OPINION,
        opinion="Avis favorable, à condition que chaque service commun ait une convention "
        "révisée tous les trois ans avec les communes.",
    ),
    DemoDecision(
        "Plan de formation 2026 : prévention des risques professionnels",
        FORMATION,
        "marc.tessier",
        120,
        "Le plan de formation commun comprend, à partir de 2026, une formation à la "
        "prévention des risques professionnels et au document unique.",
        amends=FORMATION_2025,
    ),
    DemoDecision(
        "Délais d'instruction harmonisés",
        ADS,
        "amandine.rocher",
        90,
        "Le codir propose aux maires des délais d'instruction communs pour les déclarations "
        "préalables : transmission au service commun sous cinq jours ouvrés.",
        review_in=25,
    ),
    DemoDecision(
        "Rotation des lieux de réunion entre les mairies",
        CODIR,
        "lucie.hamon",
        60,
        "Les réunions du codir ont lieu à tour de rôle dans chaque mairie, y compris les "
        "plus petites, selon le calendrier publié.",
    ),
    DemoDecision(
        PREVENTION_ITEM,
        FORMATION,
        "marc.tessier",
        0,  # the date of the last meeting held, where it was treated
        "Les communes élaborent leur document unique d'évaluation des risques avec une "
        "méthode commune, l'appui du centre de gestion et un référent par commune.",
        item=PREVENTION_ITEM,
    ),
    DemoDecision(
        "Service commun numérique : recensement des besoins",
        ACHATS,
        "claire.morvan",
        20,
        "Chaque commune recense ses besoins numériques (postes, logiciels, sécurité) "
        "avant la création d'un service commun numérique.",
        review_in=5,
    ),
]


def _codir(territory: Territory) -> Body | None:
    return (
        Body.objects.filter(territory=territory, kind=Body.Kind.STRATEGIC_CODIR)
        .order_by("pk")
        .first()
    )


def _person(key: str) -> Person:
    return Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _object(body: Body, title: str) -> FrameworkObject | None:
    return (
        FrameworkObject.objects.filter(
            framework__body=body, framework__adopted_on__isnull=False, title=title
        )
        .order_by("-framework__version")
        .first()
    )


def _last_held_item(body: Body, title: str) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(
            meeting__body=body,
            meeting__status=Meeting.Status.HELD,
            meeting__starts_at__lt=timezone.now(),
            title=title,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")
        .first()
    )


def _round(proposal: Proposal, answer: str, texts: dict[int, str] | None = None) -> None:
    """Every participant who has not answered takes their turn."""
    texts = texts or {}
    for person in waiting_for(proposal):
        text = texts.get(person.pk, "")
        turn_record(
            proposal=proposal,
            person=person,
            answer=Answer.SPOKE if text and answer == Answer.PASSED else answer,
            text=text,
            recorded_by=person,
        )


def _to_phase(proposal: Proposal, phase: str, driver: Person, reaction: str) -> None:
    """Advance through the rounds up to `phase`; everyone passes, but for a reaction."""
    while proposal.phase != phase:
        if proposal.phase in TURN_PHASES:
            texts: dict[int, str] = {}
            if proposal.phase == Phase.REACTIONS and reaction:
                first = participants(proposal)[0]
                texts[first.pk] = reaction
            _round(proposal, Answer.PASSED, texts)
        proposal_advance(proposal=proposal, actor=driver)


def _integrate_objection(proposal: Proposal, spec: DemoObjection, driver: Person) -> None:
    """One member objects; the others consent. At the integration, the objector's
    amendment answers the objection and is integrated; a second objections round."""
    author = _person(spec.author)
    turn_record(
        proposal=proposal,
        person=author,
        answer=Answer.OBJECTION,
        text=spec.reasoning,
        recorded_by=author,
    )
    _round(proposal, Answer.CONSENT)
    proposal_advance(proposal=proposal, actor=driver)
    objection = Objection.objects.get(proposal=proposal, author=author)
    amendment = amendment_propose(
        proposal=proposal,
        author=author,
        text=spec.amended_text,
        reason=spec.reason,
        responds_to=objection,
    )
    amendment_decide(amendment=amendment, actor=driver, integrate=True, response=spec.response)
    proposal_advance(proposal=proposal, actor=driver)


def _treat(proposal: Proposal, spec: DemoDecision, driver: Person, decided_on: date) -> Decision:
    proposal_open(proposal=proposal, actor=driver)
    if spec.process == Process.INFORMATION:
        return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)
    if spec.process == Process.OPINION:
        _to_phase(proposal, Phase.OPINIONS, driver, spec.reaction)
        _round(proposal, Answer.PASSED)
        opinion_record(proposal=proposal, actor=driver, text=spec.opinion)
        return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)
    _to_phase(proposal, Phase.OBJECTIONS, driver, spec.reaction)
    if spec.objection is not None:
        _integrate_objection(proposal, spec.objection, driver)
    _round(proposal, Answer.CONSENT)
    return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)


def _decided_on(body: Body, spec: DemoDecision) -> tuple[date, AgendaItem | None] | None:
    """When the entry was decided, and the agenda item it was treated in (the day of
    its meeting); None when its meeting has not been held in the demo."""
    if not spec.item:
        return timezone.localdate() - timedelta(days=spec.days_ago), None
    item = _last_held_item(body, spec.item)
    if item is None:
        return None
    return timezone.localdate(item.meeting.starts_at), item


def _record(
    body: Body,
    spec: DemoDecision,
    when: tuple[date, AgendaItem | None],
    recorded: dict[str, Decision],
) -> Decision | None:
    obj = _object(body, spec.object)
    if obj is None:
        return None
    decided_on, item = when
    today = timezone.localdate()
    proposer = _person(spec.proposer)
    proposal = proposal_create(
        body=body,
        proposer=proposer,
        title=spec.title,
        text=spec.text,
        handling=Handling(
            process=spec.process,
            mode=Proposal.Mode.LIVE if item is not None else Proposal.Mode.ASYNC,
            item=item,
        ),
        scope=Scope(
            object=obj,
            amends=recorded.get(spec.amends),
            supersedes=recorded.get(spec.supersedes),
            review_on=today + timedelta(days=spec.review_in)
            if spec.review_in is not None
            else None,
        ),
    )
    return _treat(proposal, spec, proposer, decided_on)


@transaction.atomic
def demo_register(
    territory: Territory, *, before: Callable[[date], object] | None = None
) -> list[Decision]:
    """The codir's past entries, oldest first (those already there are kept as they are).
    `before(day)` runs before each entry is recorded: core.demo records the other demo
    entries (an election) there, so that the numbers follow the dates."""
    body = _codir(territory)
    if body is None:
        return []
    existing = {d.title: d for d in Decision.objects.filter(body=body)}
    dated = [(when, spec) for spec in DECISIONS if (when := _decided_on(body, spec))]
    # Recorded in date order, so that the numbers follow the dates (and an entry that
    # amends or supersedes another comes after it).
    dated.sort(key=lambda pair: pair[0][0])
    recorded: dict[str, Decision] = {}
    for when, spec in dated:
        if before is not None:
            before(when[0])
        decision = existing.get(spec.title) or _record(body, spec, when, recorded)
        if decision is not None:
            recorded[spec.title] = decision
    return list(recorded.values())
