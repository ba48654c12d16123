"""Demo networks of the Pays des Achards: a dozen actors across the three circles, with
their contacts (invented), the people of the territory in their networks (dated: one
left in 2025, so the map "au 1er janvier 2025" differs from today's), strategies with
their next steps (in their owners' deadlines) and a few exchanges.

Invented: every contact, Vendée Mobilités and Vendée Connectée (operators of that kind
exist under other names). What it shows: Claire Morvan and Nadia Poirier bridge the
codir to the actors around it; the libraries' network is an isolated layer (its one
member sits nowhere else); France Services and the water agency have nobody of the
territory yet. Idempotent: an actor is
recognised by its name, a link by its person and start, an exchange by its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from networks.models import Actor, ActorContact, ActorLink, Exchange, Strategy
from territories.models import Territory

DEMO_DOMAIN = "demo-achards.test"
K = Actor.Kind


@dataclass(frozen=True)
class DemoActor:
    name: str
    kind: str
    circle: int
    description: str
    contacts: tuple[tuple[str, str, str, str], ...] = ()  # name, role, mail, phone
    # person key, role, start, end
    links: tuple[tuple[str, str, date, date | None], ...] = ()
    # purpose, we expect, they expect, owner key, next step, days from today
    strategy: tuple[str, str, str, str, str, int] | None = None
    # days ago, who, what was said
    exchanges: tuple[tuple[int, str, str], ...] = field(default_factory=tuple)


START = date(2024, 1, 15)

ACTORS: list[DemoActor] = [
    DemoActor(
        "Réseau des DGS de Vendée",
        K.MANAGERS,
        2,
        "Les directeurs et directrices généraux des collectivités vendéennes se retrouvent "
        "chaque trimestre : veille juridique, entraide, recrutements.",
        contacts=(("Gaëlle Brunet", "animatrice du réseau", "animation@dgs85.example", ""),),
        links=(
            ("claire.morvan", "membre du bureau", START, None),
            ("yannick.le-goff", "membre", date(2024, 3, 1), None),
            ("bernard.caillaud", "membre", date(2019, 1, 1), date(2025, 8, 31)),
            ("marc.tessier", "membre", date(2025, 9, 1), None),
        ),
    ),
    DemoActor(
        "Syndicat mixte du bassin de l'Auzance et de la Vertonne",
        K.WATER,
        2,
        "Gestion des rivières, prévention des inondations (GEMAPI) et qualité de l'eau sur "
        "le bassin versant.",
        contacts=(
            ("Hervé Guillou", "directeur", "direction@auzance-vertonne.example", "02 51 00 10 20"),
        ),
        links=(
            ("nadia.poirier", "référente technique des communes", START, None),
            ("pierre.auger", "délégué au comité syndical", date(2020, 9, 1), None),
        ),
        strategy=(
            "Coordonner les travaux sur les cours d'eau avec les chantiers de voirie des communes.",
            "Un calendrier des travaux partagé six mois à l'avance.",
            "Les autorisations de passage et les contacts des propriétaires riverains.",
            "nadia.poirier",
            "Présenter le programme de travaux 2027 au codir",
            8,
        ),
        exchanges=(
            (30, "Nadia Poirier, Hervé Guillou", "Le programme 2027 sera prêt en janvier."),
        ),
    ),
    DemoActor(
        "Centre de gestion de la Vendée",
        K.AUTHORITY,
        2,
        "Remplacements, conseil en organisation, concours et médecine préventive.",
        contacts=(("Service remplacement", "", "remplacement@cdg85.example", "02 51 00 20 30"),),
        links=(
            ("helene.vasseur", "conseillère en organisation", date(2015, 1, 1), None),
            ("lucie.hamon", "correspondante des secrétaires de mairie", date(2024, 6, 1), None),
        ),
    ),
    DemoActor(
        "Réseau des bibliothèques du Pays des Achards",
        K.ASSOCIATION,
        2,
        "Les bénévoles et les agents des bibliothèques des neuf communes.",
        links=(("emilie.roussel", "coordinatrice", date(2023, 9, 1), None),),
    ),
    DemoActor(
        "Préfecture de la Vendée",
        K.STATE,
        3,
        "Contrôle de légalité, dotations de l'État, sécurité civile ; la sous-préfecture "
        "des Sables-d'Olonne suit l'arrondissement.",
        contacts=(
            ("Anne-Sophie Delorme", "sous-préfète", "", "02 51 00 30 40"),
            ("Bureau du contrôle de légalité", "", "legalite@vendee.example", ""),
        ),
        links=(("claire.morvan", "référente de l'EPCI", START, None),),
        strategy=(
            "Être identifiés comme l'interlocuteur collectif du bloc local, plutôt que neuf "
            "communes une à une.",
            "Une information précoce sur les appels à projets et les dotations.",
            "Des remontées consolidées sur les besoins des communes.",
            "claire.morvan",
            "Rencontrer la sous-préfète sur le contrat de relance et de transition",
            12,
        ),
        exchanges=(
            (
                20,
                "Claire Morvan, la sous-préfète",
                "Accord pour une réunion annuelle avec le codir.",
            ),
            (95, "Claire Morvan, le bureau des dotations", "Calendrier de la DETR 2027."),
            (180, "Claire Morvan", "Présentation du codir lors de la visite de l'arrondissement."),
        ),
    ),
    DemoActor(
        "Direction départementale des territoires et de la mer (DDTM)",
        K.STATE,
        3,
        "Urbanisme, risques, habitat ; appui aux communes pour les documents d'urbanisme.",
        contacts=(("Julie Marchand", "cheffe du service aménagement", "", "02 51 00 40 50"),),
        links=(("thomas.lebreton", "correspondant ADS", date(2020, 1, 1), None),),
        strategy=(
            "Sécuriser l'instruction du droit des sols et anticiper la révision du PLUi.",
            "Un avis en amont sur les dossiers sensibles (zones inondables).",
            "Des dossiers complets et un interlocuteur unique au service commun.",
            "yannick.le-goff",
            "Inviter la DDTM au codir sur le risque inondation",
            20,
        ),
    ),
    DemoActor(
        "Conseil départemental de la Vendée",
        K.AUTHORITY,
        3,
        "Routes départementales, solidarités, collèges ; contrats territoriaux.",
        links=(("julien.brehier", "interlocuteur contrat territorial", START, None),),
        strategy=(
            "Préparer ensemble le prochain contrat territorial.",
            "Les règles du contrat connues tôt.",
            "Une liste de projets priorisée par le bloc local.",
            "julien.brehier",
            "Envoyer la liste des projets priorisés",
            -3,
        ),
    ),
    DemoActor(
        "Vendée Mobilités",
        K.MOBILITY,
        3,
        "Opérateur départemental des transports scolaires et du transport à la demande.",
        contacts=(("Accueil des collectivités", "", "collectivites@vendee-mobilites.example", ""),),
        links=(("sophie.garnier", "référente transport scolaire", date(2024, 9, 1), None),),
        strategy=(
            "Adapter les circuits scolaires aux nouveaux lotissements.",
            "Les projets de circuits avant la rentrée.",
            "Les effectifs par école et les arrêts à sécuriser.",
            "sophie.garnier",
            "Transmettre les effectifs prévisionnels des écoles",
            35,
        ),
    ),
    DemoActor(
        "Vendée Connectée, syndicat mixte numérique",
        K.DIGITAL,
        3,
        "Fibre optique, outils numériques mutualisés et cybersécurité des collectivités.",
        links=(("marc.tessier", "délégué", date(2025, 10, 1), None),),
    ),
    DemoActor(
        "Caisse d'allocations familiales de la Vendée",
        K.OTHER,
        3,
        "Partenaire de la convention territoriale globale (petite enfance, jeunesse).",
        links=(("amandine.rocher", "pilote de la convention territoriale globale", START, None),),
    ),
    DemoActor(
        "Association des secrétaires de mairie de Vendée",
        K.ASSOCIATION,
        3,
        "Formation et entraide des secrétaires de mairie du département.",
        links=(
            ("nadia.poirier", "vice-présidente", date(2022, 1, 1), None),
            ("lucie.hamon", "adhérente", date(2024, 3, 1), None),
        ),
    ),
    DemoActor(
        "France Services des Achards",
        K.STATE,
        3,
        "Guichet d'accompagnement aux démarches administratives.",
        contacts=(("Accueil", "conseillère France Services", "", "02 51 00 50 60"),),
    ),
    DemoActor(
        "Agence de l'eau Loire-Bretagne",
        K.WATER,
        3,
        "Financement des travaux sur l'eau et les milieux aquatiques.",
    ),
]


def _people() -> dict[str, Person]:
    people = Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    return {person.email.split("@")[0]: person for person in people}


@transaction.atomic
def demo_networks(territory: Territory) -> None:
    people = _people()
    today = timezone.localdate()
    for spec in ACTORS:
        actor, _created = Actor.objects.get_or_create(
            territory=territory,
            name=spec.name,
            defaults={"kind": spec.kind, "circle": spec.circle, "description": spec.description},
        )
        for name, role, email, phone in spec.contacts:
            ActorContact.objects.get_or_create(
                actor=actor, name=name, defaults={"role": role, "email": email, "phone": phone}
            )
        for key, role, start, end in spec.links:
            if key in people:
                ActorLink.objects.get_or_create(
                    actor=actor,
                    person=people[key],
                    start_date=start,
                    defaults={"role": role, "end_date": end},
                )
        if spec.strategy is not None and not Strategy.objects.filter(actor=actor).exists():
            purpose, we_expect, they_expect, owner, step, days = spec.strategy
            Strategy.objects.create(
                actor=actor,
                purpose=purpose,
                we_expect=we_expect,
                they_expect=they_expect,
                owner=people.get(owner),
                next_step=step,
                next_step_on=today + timedelta(days=days),
            )
        for days_ago, who, what in spec.exchanges:
            on = today - timedelta(days=days_ago)
            if not Exchange.objects.filter(actor=actor, summary=what).exists():
                Exchange.objects.create(actor=actor, on=on, participants=who, summary=what)
