"""The demo agenda of the codir: run after `meetings.demo.demo_meetings`, which creates
the meetings. Loading twice changes nothing: items are matched by (meeting, title).

- the next upcoming meeting is convened (without e-mail) with six items: opening round,
  an information by the EPCI, a decision, a co-développement, a point from a small
  commune, closing round; the demo document that concerns one of its items (the
  presentation note of the decision, documents.demo) is attached to it;
- the meeting after it has an open agenda with items proposed by members, among them
  the secretary of a small commune;
- the past held meetings get items with their outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.selectors import first_codir
from documents.demo import DEMO_DOCUMENTS, demo_upload, demo_uploader
from documents.models import Document
from meetings.agenda_services import agenda_add_rounds
from meetings.attachments import document_attach
from meetings.convocation import meeting_convene
from meetings.models import AgendaItem, Meeting
from territories.models import Territory

DOMAIN = "demo-achards.test"
K = AgendaItem.Kind
O = AgendaItem.Outcome  # noqa: E741


@dataclass(frozen=True)
class DemoItem:
    title: str
    kind: str
    proposer: str  # person key (e-mail before the domain)
    presenter: str
    minutes: int
    description: str = ""
    outcome: str = ""
    notes: str = ""  # the secretary's notes, for items of meetings already held


CONVENED_ITEMS = [
    DemoItem(
        "Schéma de mutualisation : point d'étape",
        K.INFORMATION,
        "claire.morvan",
        "claire.morvan",
        20,
        "Où en sont les services communs (ADS, numérique) et le calendrier de la révision "
        "du schéma ; questions des communes.",
    ),
    DemoItem(
        "Groupement de commandes pour l'entretien de la voirie",
        K.DECISION,
        "julien.brehier",
        "julien.brehier",
        30,
        "Proposition de convention constitutive ; décision par consentement. "
        "Chaque commune indique ses linéaires avant la séance.",
    ),
    DemoItem(
        "Co-développement : recruter un agent technique polyvalent",
        K.CODEV,
        "sophie.garnier",
        "helene.vasseur",
        60,
        "Sophie Garnier expose sa situation, Hélène Vasseur anime les six étapes.",
    ),
    DemoItem(
        "Permanences d'urbanisme dans les petites communes",
        K.CONSULTATION,
        "nadia.poirier",
        "nadia.poirier",
        15,
        "Les habitants de Martinet et du Girouard demandent un accueil près de chez eux : "
        "avis du codir sur des permanences du service commun ADS.",
    ),
]

OPEN_ITEMS = [
    DemoItem(
        "Mutualiser le remplacement des secrétaires de mairie",
        K.WORK,
        "nadia.poirier",
        "nadia.poirier",
        30,
        "Une liste de remplaçantes partagée avec le centre de gestion, pour que l'accueil "
        "des petites mairies ne ferme plus pendant les congés.",
    ),
    DemoItem(
        "Location des salles communales : harmoniser les tarifs ?",
        K.CONSULTATION,
        "lucie.hamon",
        "lucie.hamon",
        20,
        "Les associations comparent : faut-il une grille commune ou des principes communs ?",
    ),
    DemoItem(
        "Schéma directeur des mobilités : présentation du diagnostic",
        K.INFORMATION,
        "julien.brehier",
        "julien.brehier",
        25,
    ),
]

HELD_ITEMS = [
    DemoItem(
        "Tour de table d'ouverture",
        K.ROUND,
        "yannick.le-goff",
        "",
        10,
        outcome=O.NOTED,
        notes="Chacun a dit ses priorités du mois ; deux communes signalent des départs "
        "d'agents techniques.",
    ),
    DemoItem(
        "Rapport d'activité du service commun ADS",
        K.INFORMATION,
        "thomas.lebreton",
        "thomas.lebreton",
        20,
        outcome=O.NOTED,
        notes="412 dossiers instruits sur l'année, délai moyen de 41 jours. Les secrétaires "
        "de mairie demandent une fiche d'accueil commune pour les pétitionnaires.",
    ),
    DemoItem(
        "Calendrier budgétaire commun",
        K.CONSULTATION,
        "yannick.le-goff",
        "yannick.le-goff",
        25,
        outcome=O.OPINION,
        notes="Les communes transmettent leurs prévisions d'investissement à l'EPCI avant "
        "le 15 janvier ; le débat d'orientation budgétaire commun aura lieu en février.",
    ),
    DemoItem(
        "Document unique de prévention : une démarche commune",
        K.DECISION,
        "marc.tessier",
        "marc.tessier",
        30,
        outcome=O.DECISION_TO_PREPARE,
        notes="Accord de principe pour un modèle commun de document unique ; le centre de "
        "gestion sera sollicité pour accompagner les petites communes.",
    ),
]


def _person(key: str) -> Person | None:
    return Person.objects.filter(email=f"{key}@{DOMAIN}").first() if key else None


def _ensure_item(meeting: Meeting, spec: DemoItem, status: str) -> AgendaItem:
    existing = meeting.items.filter(title=spec.title).first()
    if existing is not None:
        return existing
    position = meeting.items.count()
    return AgendaItem.objects.create(
        meeting=meeting,
        title=spec.title,
        kind=spec.kind,
        description=spec.description,
        presenter=_person(spec.presenter),
        duration_minutes=spec.minutes,
        proposed_by=_person(spec.proposer),
        proposed_at=min(timezone.now(), meeting.starts_at) - timedelta(days=10),
        status=status,
        position=position,
        outcome=spec.outcome,
        notes=spec.notes,
    )


def _attach_documents(meeting: Meeting) -> None:
    """The demo documents that concern an item of the convened meeting go with that item
    (documents.demo.demo_documents shares the others with the body, and this one too
    when no item concerns it)."""
    uploader = demo_uploader(meeting.body)
    if uploader is None:
        return
    items = list(meeting.items.order_by("position", "pk"))
    for spec in DEMO_DOCUMENTS:
        item = next(
            (i for i in items if spec.item_word and spec.item_word in i.title.lower()), None
        )
        if item is None or Document.objects.filter(body=meeting.body, title=spec.title).exists():
            continue
        document_attach(uploaded_by=uploader, upload=demo_upload(spec), title=spec.title, item=item)


@transaction.atomic
def demo_agenda(territory: Territory) -> None:
    body = first_codir(territory)
    if body is None:
        return
    now = timezone.now()
    for meeting in body.meetings.filter(status=Meeting.Status.HELD, starts_at__lt=now):
        for spec in HELD_ITEMS:
            _ensure_item(meeting, spec, AgendaItem.Status.ACCEPTED)
    upcoming = list(
        body.meetings.filter(starts_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:2]
    )
    if not upcoming:
        return
    convened = upcoming[0]
    if convened.status in (Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN):
        for spec in CONVENED_ITEMS:
            _ensure_item(convened, spec, AgendaItem.Status.ACCEPTED)
        actor = convened.facilitator or _person("claire.morvan")
        if actor is not None:
            agenda_add_rounds(meeting=convened, actor=actor)
            meeting_convene(meeting=convened, actor=actor, notify=False)
    if convened.status == Meeting.Status.CONVENED:
        _attach_documents(convened)
    if len(upcoming) > 1:
        opened = upcoming[1]
        if opened.status in (Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN):
            for spec in OPEN_ITEMS:
                _ensure_item(opened, spec, AgendaItem.Status.PROPOSED)
            if opened.status == Meeting.Status.PLANNED:
                opened.status = Meeting.Status.AGENDA_OPEN
                opened.save(update_fields=["status"])
