"""Demo follow-up: actions across the communes on the demo codir's decisions (some
overdue, some done, one blocked with a note) and one decision carried out commune by
commune (mixed statuses). Runs after the register demo; a no-op without decisions.
Idempotent: an action is recognised by its title, a commune's row by the commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from bodies.selectors import first_codir
from decisions.models import Decision
from followup import services
from followup.models import Action, Implementation, Status
from followup.selectors import board_people
from territories.models import Organisation, Position, Territory

DEMO_DOMAIN = "demo-achards.test"
EPCI = "CC du Pays des Achards"


@dataclass(frozen=True)
class DemoAction:
    # The framework object of the decision it carries out (its oldest decision on that
    # object; the codir's oldest decision when there is none).
    object_title: str
    title: str
    owner: str  # person key
    organisation: str
    due_in: int  # days from today (negative: past)
    status: str = Status.TODO
    note: str = ""


PURCHASES = "Mutualisation des achats"
TRAINING = "Formation et intégration des agents"
REPLACEMENTS = "Remplacement des secrétaires de mairie"
FUNCTIONING = "Fonctionnement du codir"

ACTIONS: list[DemoAction] = [
    DemoAction(
        PURCHASES,
        "Recenser les besoins de fournitures de bureau de chaque commune",
        "julien.brehier",
        EPCI,
        -45,
        Status.DONE,
        "Les neuf communes ont répondu ; le tableau des besoins est sur l'espace documents.",
    ),
    DemoAction(
        PURCHASES,
        "Rédiger la convention de groupement de commandes",
        "claire.morvan",
        EPCI,
        -10,
        Status.IN_PROGRESS,
        "Projet envoyé au service juridique du centre de gestion pour relecture.",
    ),
    DemoAction(
        TRAINING,
        "Établir le plan de formation mutualisé de l'an prochain",
        "marc.tessier",
        "Beaulieu-sous-la-Roche",
        20,
    ),
    DemoAction(
        TRAINING,
        "Organiser la journée d'accueil des nouveaux agents",
        "sophie.garnier",
        "Les Achards",
        -5,
    ),
    DemoAction(
        REPLACEMENTS,
        "Constituer un vivier de secrétaires de mairie remplaçantes",
        "nadia.poirier",
        "Martinet",
        2,
        Status.IN_PROGRESS,
        "Trois candidatures reçues par le centre de gestion.",
    ),
    DemoAction(
        REPLACEMENTS,
        "Signer la convention de remplacement avec le centre de gestion",
        "yannick.le-goff",
        "Nieul-le-Dolent",
        -20,
        Status.BLOCKED,
        "En attente de la délibération du conseil d'administration du centre de gestion, "
        "reportée au mois prochain.",
    ),
    DemoAction(
        FUNCTIONING,
        "Harmoniser les horaires d'ouverture des accueils de mairie",
        "amandine.rocher",
        "Sainte-Flaive-des-Loups",
        10,
    ),
    DemoAction(
        FUNCTIONING,
        "Publier le calendrier des réunions du codir",
        "yannick.le-goff",
        "Nieul-le-Dolent",
        -60,
        Status.DONE,
        "Calendrier publié et abonnement au flux d'agenda envoyé à chacun.",
    ),
    DemoAction(
        FUNCTIONING,
        "Mettre à jour l'annuaire des agents des mairies",
        "lucie.hamon",
        "La Chapelle-Hermier",
        -3,
    ),
    DemoAction(
        PURCHASES,
        "Inventorier les équipements sportifs partageables",
        "pierre.auger",
        "Saint-Julien-des-Landes",
        30,
    ),
]

# The communes' rows of the decision carried out commune by commune, in name order.
ROW_STATUSES = [
    Status.DONE,
    Status.DONE,
    Status.IN_PROGRESS,
    Status.TODO,
    Status.BLOCKED,
    Status.DONE,
    Status.TODO,
    Status.IN_PROGRESS,
    Status.TODO,
]


def _codir(territory: Territory) -> Body | None:
    return first_codir(territory)


def _person(key: str) -> Person | None:
    return Person.objects.filter(email=f"{key}@{DEMO_DOMAIN}").first()


def _organisation(territory: Territory, name: str) -> Organisation | None:
    return Organisation.objects.filter(territory=territory, name=name).first()


def _action(body: Body, decision: Decision, spec: DemoAction, actor: Person) -> None:
    if Action.objects.filter(body=body, title=spec.title).exists():
        return
    action = services.action_create(
        body=body,
        actor=actor,
        decision=decision,
        title=spec.title,
        owner=_person(spec.owner),
        organisation=_organisation(body.territory, spec.organisation),
        due_on=timezone.localdate() + timedelta(days=spec.due_in),
    )
    if spec.status != Status.TODO:
        services.action_status_change(
            action=action,
            actor=action.owner or actor,
            status=spec.status,
            text=spec.note,
        )


def _commune_owner(commune: Organisation, body: Body) -> Person | None:
    """Someone of the commune who sees the body (the services refuse anyone else)."""
    position = (
        Position.objects.current()
        .filter(organisation=commune, person__in=board_people(body))
        .select_related("person")
        .order_by("start_date", "pk")
        .first()
    )
    return position.person if position is not None else None


def _rows(decision: Decision, actor: Person) -> None:
    created = services.implementations_create_for_communes(decision=decision)
    today = timezone.localdate()
    ids = {row.pk for row in created}
    rows = Implementation.objects.filter(pk__in=ids).select_related("organisation")
    for index, row in enumerate(rows.order_by("organisation__name")):
        status = ROW_STATUSES[index % len(ROW_STATUSES)]
        late = index % 3 == 0  # a few communes are late
        services.implementation_update(
            row=row,
            actor=actor,
            status=status,
            owner=_commune_owner(row.organisation, decision.body),
            due_on=today + timedelta(days=-12 if late else 25),
            note="Attend le vote du budget supplémentaire." if status == Status.BLOCKED else "",
            done_on=today - timedelta(days=7 + index) if status == Status.DONE else None,
        )


@transaction.atomic
def demo_followup(territory: Territory) -> None:
    body = _codir(territory)
    if body is None:
        return
    decisions = list(
        Decision.objects.filter(body=body, kind=Decision.Kind.DECISION, object__isnull=False)
        .select_related("object")
        .order_by("decided_on", "year", "sequence")
    )
    if not decisions:
        return
    actor = _person("claire.morvan")  # the territory's administrator
    if actor is None:
        return
    by_object: dict[str, Decision] = {}
    for decision in decisions:  # oldest first: keep each object's first decision
        by_object.setdefault(decision.object.title, decision)  # type: ignore[union-attr]
    for spec in ACTIONS:
        _action(body, by_object.get(spec.object_title, decisions[0]), spec, actor)
    _rows(decisions[0], actor)
