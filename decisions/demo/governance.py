"""Demo governance of the strategic codir, adopted by consent (a consent proposal in
which every member consented): its charter v1 on 15 January 2024 (`demo_charter`, run by
the demo loader, demo/registry.py, before the meetings it plans), and its reference
framework v1 on 12 March 2024, with its missions, the eight objects of the brief and
three sources of legitimacy (`demo_framework`). Loading twice changes nothing.

`adopt_by_consent` runs a consent proposal through its rounds with the services, for
these demos and the tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import first_codir
from core.pdf import html_to_pdf
from decisions.consent.rules import TURN_PHASES, participants
from decisions.models import Decision, Proposal, Turn
from decisions.proposals.adoption import proposal_adopt
from decisions.proposals.services import proposal_advance, proposal_open, subject_submit
from decisions.proposals.turns import turn_record
from documents.models import Document
from documents.services import document_upload
from governance.charter import charter_draft_save
from governance.framework import (
    framework_draft_start,
    framework_draft_update,
    framework_object_add,
    framework_source_add,
)
from governance.models import Authority, Charter, Framework, FrameworkObject, LegitimacySource
from governance.selectors import current_charter, current_framework, objects_of
from territories.models import Territory
from territories.selectors import epci_dgs

ADOPTED_ON = date(2024, 3, 12)
CHARTER_ADOPTED_ON = date(2024, 1, 15)
CHARTER_RULE = "FREQ=MONTHLY;BYDAY=+2TU"

Phase = Proposal.Phase


def adopt_by_consent(
    *,
    proposal: Proposal,
    driver: Person,
    decided_on: date | None = None,
    reactions: Sequence[str] = (),
) -> Decision:
    """Open the proposal, go through its rounds (clarifying questions: everyone passes;
    reactions: the given ones in turn, the others pass), then an objections round where
    every participant consents, and adopt it on `decided_on`."""
    proposal = proposal_open(proposal=proposal, actor=driver)
    while proposal.phase != Phase.OBJECTIONS:
        if proposal.phase in TURN_PHASES:
            texts = list(reactions) if proposal.phase == Phase.REACTIONS else []
            for person in participants(proposal):
                text = texts.pop(0) if texts else ""
                turn_record(
                    proposal=proposal,
                    person=person,
                    answer=Turn.Answer.SPOKE if text else Turn.Answer.PASSED,
                    text=text,
                    recorded_by=person,
                )
        proposal = proposal_advance(proposal=proposal, actor=driver)
    for person in participants(proposal):
        turn_record(
            proposal=proposal, person=person, answer=Turn.Answer.CONSENT, recorded_by=person
        )
    return proposal_adopt(proposal=proposal, actor=driver, decided_on=decided_on)


MISSIONS = {
    "mission_relational": "Nous connaître entre DGS et secrétaires de mairie : nos enjeux, "
    "nos difficultés, nos projets. Ne laisser aucune commune isolée ; chacun est une "
    "ressource pour les autres.",
    "mission_operational": "Préparer ensemble les dossiers de la conférence des maires, "
    "déminer les sujets sensibles en amont, suivre nos décisions et coordonner leur mise "
    "en œuvre dans les neuf communes.",
    "mission_organisational": "Piloter le schéma de mutualisation et ses services communs, "
    "harmoniser nos procédures quand c'est utile, organiser les remplacements entre "
    "communes.",
    "mission_institutional": "Accompagner le projet de territoire, éclairer les élus sur "
    "l'intégration du bloc local, représenter l'administration du territoire auprès des "
    "partenaires (centre de gestion, services de l'État, syndicats).",
    "perspectives": "D'ici 2026 : un service commun numérique, un plan de formation "
    "commun des agents, une charte des remplacements de secrétaires de mairie.",
}


@dataclass(frozen=True)
class DemoObject:
    title: str
    kind: str
    authority: str
    description: str


T, D = FrameworkObject.Kind.THEME, FrameworkObject.Kind.DOSSIER
OBJECTS = (
    DemoObject(
        "Mutualisation des achats",
        D,
        Authority.DECISION,
        "Groupements de commandes entre l'EPCI et les communes volontaires.",
    ),
    DemoObject(
        "Formation et intégration des agents",
        T,
        Authority.DECISION,
        "Plan de formation commun, accueil des nouveaux agents, parcours d'intégration.",
    ),
    DemoObject(
        "Remplacement des secrétaires de mairie",
        D,
        Authority.DECISION,
        "Organisation des remplacements entre communes pendant les absences.",
    ),
    DemoObject(
        "Instruction du droit des sols",
        D,
        Authority.PROPOSAL,
        "Fonctionnement du service commun ADS ; les élus décident de la convention.",
    ),
    DemoObject(
        "Pacte de gouvernance et projet de territoire",
        T,
        Authority.OPINION,
        "Le codir éclaire le conseil communautaire et la conférence des maires.",
    ),
    DemoObject(
        "Voirie et travaux",
        D,
        Authority.OPINION,
        "Programmes de voirie, groupement de commandes d'entretien.",
    ),
    DemoObject(
        "Fonctionnement du codir",
        T,
        Authority.DECISION,
        "Sa charte, son cadre de référence, ses rôles, ses outils.",
    ),
    DemoObject(
        "Informations des communes",
        T,
        Authority.INFORMATION,
        "Ce que chaque commune partage : projets, recrutements, actualités.",
    ),
)

MANDATE_LETTER = "Lettre de mission du président à la directrice générale des services"
SOURCES = (
    (
        LegitimacySource.Kind.MANDATE,
        MANDATE_LETTER,
        date(2023, 9, 18),
        "Le président de la communauté de communes confie à la DGS l'animation d'un "
        "collectif de direction du territoire.",
    ),
    (
        LegitimacySource.Kind.POOLING,
        "Délibération du conseil communautaire adoptant le schéma de mutualisation",
        date(2022, 6, 23),
        "Le schéma prévoit une instance de coordination des directions générales.",
    ),
    (
        LegitimacySource.Kind.PROJECT,
        "Projet de territoire 2021-2030",
        date(2021, 12, 16),
        "",
    ),
)


def _codir(territory: Territory) -> Body | None:
    return first_codir(territory)


def _mandate_letter(body: Body, author: Person) -> Document:
    """A small real PDF of the mandate letter, shared with the codir (once)."""
    existing = Document.objects.filter(body=body, title=MANDATE_LETTER).first()
    if existing is not None:
        return existing
    paragraphs = (
        "Madame la Directrice générale des services,",
        "Je vous confie l'animation d'un collectif de direction réunissant les directeurs "
        "généraux et secrétaires de mairie des neuf communes et de la communauté de "
        "communes.",
        "Ce collectif prépare les dossiers de la conférence des maires, pilote le schéma "
        "de mutualisation et rend compte de ses travaux au bureau communautaire.",
    )
    html = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(MANDATE_LETTER)}</title></head><body>"
        f"<h1>{escape(MANDATE_LETTER)}</h1>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</body></html>"
    )
    upload = SimpleUploadedFile(
        "Lettre de mission.pdf", html_to_pdf(html), content_type="application/pdf"
    )
    return document_upload(uploaded_by=author, upload=upload, title=MANDATE_LETTER, body=body)


def _fill(draft: Framework, author: Person) -> None:
    framework_draft_update(framework=draft, **MISSIONS)
    if not objects_of(draft).exists():
        for spec in OBJECTS:
            framework_object_add(
                framework=draft,
                title=spec.title,
                kind=spec.kind,
                authority=spec.authority,
                description=spec.description,
            )
    if not draft.sources.exists():
        for kind, title, dated, note in SOURCES:
            document = _mandate_letter(draft.body, author) if title == MANDATE_LETTER else None
            framework_source_add(
                framework=draft,
                kind=kind,
                title=title,
                dated=dated,
                note=note,
                document=document,
                added_by=author,
            )


@transaction.atomic
def demo_framework(territory: Territory) -> Framework | None:
    """The codir's framework v1, adopted by consent on 12 March 2024."""
    body = _codir(territory)
    author = epci_dgs(territory)
    if body is None or author is None:
        return None
    adopted = current_framework(body)
    if adopted is not None:
        return adopted
    draft = framework_draft_start(body=body, created_by=author)
    _fill(draft, author)
    proposal = subject_submit(subject=draft, proposer=author)
    adopt_by_consent(
        proposal=proposal,
        driver=author,
        decided_on=ADOPTED_ON,
        reactions=(
            "Content que l'instruction du droit des sols reste une proposition : ce sont "
            "les maires qui décident de la convention.",
            "Les informations des communes méritent un point à chaque réunion.",
        ),
    )
    draft.refresh_from_db()
    return draft


@transaction.atomic
def demo_charter(territory: Territory) -> Charter | None:
    """The codir's charter v1 (2nd Tuesday of each month, 9:00-11:30, rotating places,
    notice 7 days), adopted by consent on 15 January 2024 at its constitutive meeting."""
    body = _codir(territory)
    author = epci_dgs(territory)
    if body is None or author is None:
        return None
    adopted = current_charter(body)
    if adopted is not None:
        return adopted
    draft = charter_draft_save(
        body=body,
        created_by=author,
        attendance="Les DGS de la communauté de communes et des communes, les secrétaires "
        "de mairie des communes sans DGS. En cas d'empêchement, un·e adjoint·e peut "
        "représenter sa collectivité.",
        standing_guests="Le responsable du service commun d'instruction du droit des sols ; "
        "la conseillère en organisation du centre de gestion pour le co-développement.",
        recurrence=CHARTER_RULE,
        start_time=time(9, 0),
        end_time=time(11, 30),
        place_mode=Charter.PlaceMode.ROTATING,
        notice_days=7,
        minutes_review_days=10,
        facilitation_mode=Charter.FacilitationMode.ROTATING,
        mirrors_per_year=2,
    )
    proposal = subject_submit(subject=draft, proposer=author)
    adopt_by_consent(
        proposal=proposal,
        driver=author,
        decided_on=CHARTER_ADOPTED_ON,
        reactions=(
            "Sept jours pour recevoir les documents, c'est ce qu'il faut aux secrétaires de "
            "mairie à temps partiel.",
        ),
    )
    draft.refresh_from_db()
    return draft
