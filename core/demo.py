"""The demo territory: the real CC du Pays des Achards (official data) and invented people.

Every name below is invented. Loading twice changes nothing: people are matched by
e-mail, positions by (person, organisation, function), bodies by name, seats by
(body, person, role).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.services import body_create, membership_create
from decisions.proposals.notices import quiet
from territories.importer import territory_import
from territories.models import Organisation, Position, Territory, TerritoryMember
from territories.services import position_create, territory_member_ensure

DEMO_SIREN = "248500530"  # CC du Pays des Achards
DEMO_PASSWORD = "codir-demo-2026"
DEMO_DOMAIN = "demo-achards.test"
OPERATOR_EMAIL = f"operateur@{DEMO_DOMAIN}"

F = Position.Function
R = BodyMembership.Role


@dataclass(frozen=True)
class DemoPosition:
    organisation: str  # organisation name, as in the official data or LOCAL_ORGANISATIONS
    function: str
    title: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class DemoPerson:
    key: str
    first_name: str
    last_name: str
    positions: list[DemoPosition]
    presentation: str = ""
    stakes: str = ""
    difficulties: str = ""
    projects: str = ""
    expertise: str = ""
    admin: bool = False
    phone: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


EPCI = "CC du Pays des Achards"
ADS = "Service commun d'instruction du droit des sols"
CDG = "Centre de gestion de la fonction publique territoriale de la Vendée"
SYNDICAT = "Syndicat mixte du bassin de l'Auzance et de la Vertonne"

LOCAL_ORGANISATIONS: list[tuple[str, str, str]] = [
    # name, kind, parent name
    (ADS, Organisation.Kind.SHARED_SERVICE, EPCI),
    (SYNDICAT, Organisation.Kind.SYNDICATE, ""),
    (CDG, Organisation.Kind.PARTNER, ""),
]

PEOPLE: list[DemoPerson] = [
    DemoPerson(
        key="claire.morvan",
        first_name="Claire",
        last_name="Morvan",
        admin=True,
        phone="02 51 00 00 01",
        positions=[DemoPosition(EPCI, F.DGS, start=date(2019, 9, 1))],
        presentation="Je dirige les services de la communauté de communes depuis 2019 : "
        "finances, ressources humaines, services communs et projet de territoire.",
        stakes="Faire vivre le schéma de mutualisation sans que les petites communes "
        "se sentent dépossédées.",
        difficulties="Le temps : les réunions s'enchaînent et le suivi des décisions se perd.",
        projects="Révision du pacte de gouvernance ; création d'un service commun numérique.",
        expertise="Mutualisation des services, pacte financier et fiscal, "
        "conduite du changement, projet de territoire.",
    ),
    DemoPerson(
        key="julien.brehier",
        first_name="Julien",
        last_name="Bréhier",
        positions=[
            DemoPosition(
                EPCI, F.DGA, "DGA aménagement et services à la population", start=date(2021, 3, 1)
            )
        ],
        presentation="DGA chargé de l'aménagement, de l'urbanisme et des services à la population.",
        expertise="Plan local d'urbanisme intercommunal, mobilités rurales, "
        "groupement de commandes de voirie.",
        projects="Schéma directeur des mobilités ; maison France services itinérante.",
    ),
    DemoPerson(
        key="sophie.garnier",
        first_name="Sophie",
        last_name="Garnier",
        positions=[DemoPosition("Les Achards", F.DGS, start=date(2017, 1, 1))],
        presentation="DGS de la commune nouvelle des Achards, issue de la fusion de "
        "La Mothe-Achard et de La Chapelle-Achard.",
        expertise="Création d'une commune nouvelle, harmonisation des régimes "
        "indemnitaires, restauration scolaire en régie.",
        difficulties="Recruter des agents techniques qualifiés.",
        projects="Nouveau groupe scolaire ; restructuration des services techniques.",
    ),
    DemoPerson(
        key="yannick.le-goff",
        first_name="Yannick",
        last_name="Le Goff",
        positions=[DemoPosition("Nieul-le-Dolent", F.DGS, start=date(2020, 6, 1))],
        presentation="DGS de Nieul-le-Dolent, ancien responsable des finances d'une "
        "communauté d'agglomération.",
        expertise="Prospective financière, dette, recherche de subventions, "
        "animation de réunions en sociocratie.",
        stakes="Garder une capacité d'investissement malgré la baisse des dotations.",
    ),
    DemoPerson(
        key="amandine.rocher",
        first_name="Amandine",
        last_name="Rocher",
        positions=[DemoPosition("Sainte-Flaive-des-Loups", F.DGS, start=date(2022, 1, 3))],
        presentation="DGS de Sainte-Flaive-des-Loups.",
        expertise="Petite enfance et jeunesse, convention territoriale globale avec la CAF, "
        "accueils de loisirs.",
        projects="Maison de l'enfance intercommunale.",
    ),
    DemoPerson(
        key="marc.tessier",
        first_name="Marc",
        last_name="Tessier",
        positions=[DemoPosition("Beaulieu-sous-la-Roche", F.DGS, start=date(2025, 9, 1))],
        presentation="Arrivé en septembre 2025 à Beaulieu-sous-la-Roche, après dix ans "
        "en centre de gestion.",
        expertise="Ressources humaines, prévention des risques professionnels, document unique.",
        difficulties="Découvrir le territoire et ses habitudes de travail.",
    ),
    DemoPerson(
        key="nadia.poirier",
        first_name="Nadia",
        last_name="Poirier",
        positions=[
            DemoPosition("Martinet", F.SECRETARY, start=date(2016, 4, 1)),
            DemoPosition("Le Girouard", F.SECRETARY, start=date(2023, 1, 1)),
        ],
        presentation="Secrétaire de mairie de Martinet (mardi, jeudi, vendredi) et du "
        "Girouard (lundi, mercredi).",
        stakes="Que les petites communes aient le même niveau d'information que les autres.",
        difficulties="Deux mairies, deux conseils municipaux, un seul agenda.",
        expertise="Élections, état civil, budget d'une petite commune, "
        "dématérialisation des actes.",
    ),
    DemoPerson(
        key="lucie.hamon",
        first_name="Lucie",
        last_name="Hamon",
        positions=[
            DemoPosition("La Chapelle-Hermier", F.SECRETARY, start=date(2024, 2, 1)),
        ],
        presentation="Secrétaire de mairie de La Chapelle-Hermier.",
        expertise="Urbanisme du quotidien, cimetières, location de salles.",
    ),
    DemoPerson(
        key="pierre.auger",
        first_name="Pierre",
        last_name="Auger",
        positions=[
            DemoPosition("Saint-Julien-des-Landes", F.DGS, start=date(2018, 5, 1)),
            DemoPosition(
                "Saint-Georges-de-Pointindoux", F.DGS, "DGS par intérim", start=date(2026, 9, 1)
            ),
        ],
        presentation="DGS de Saint-Julien-des-Landes, intérim à "
        "Saint-Georges-de-Pointindoux depuis septembre.",
        expertise="Tourisme, camping municipal, gestion des équipements sportifs.",
    ),
    DemoPerson(
        key="thomas.lebreton",
        first_name="Thomas",
        last_name="Lebreton",
        positions=[DemoPosition(ADS, F.SHARED_SERVICE_HEAD, start=date(2020, 1, 1))],
        presentation="Responsable du service commun d'instruction des autorisations "
        "d'urbanisme pour les neuf communes.",
        expertise="Instruction des permis de construire, dématérialisation des "
        "demandes d'urbanisme, formation des agents d'accueil.",
    ),
    DemoPerson(
        key="helene.vasseur",
        first_name="Hélène",
        last_name="Vasseur",
        positions=[
            DemoPosition(CDG, F.EXPERT, "Conseillère en organisation", start=date(2015, 1, 1))
        ],
        presentation="Conseillère en organisation au centre de gestion ; invitée du codir "
        "pour les séances de co-développement.",
        expertise="Co-développement professionnel, accompagnement des collectifs de "
        "direction, diagnostic d'organisation.",
    ),
    DemoPerson(
        key="bernard.caillaud",
        first_name="Bernard",
        last_name="Caillaud",
        positions=[
            DemoPosition(
                "Beaulieu-sous-la-Roche", F.DGS, start=date(2012, 3, 1), end=date(2025, 8, 31)
            ),
        ],
        presentation="Ancien DGS de Beaulieu-sous-la-Roche, parti à la retraite en 2025.",
    ),
]


@dataclass(frozen=True)
class DemoBody:
    name: str
    kind: str
    circle: int
    description: str
    parent: str = ""
    # (person key, role, capacity organisation or "", start, end)
    seats: tuple[tuple[str, str, str, date, date | None], ...] = ()


def _days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


CODIR = "Conférence des DGS du Pays des Achards"


def demo_bodies() -> list[DemoBody]:
    """Computed at load time: some terms end relative to today, for the deadlines."""
    return [
        DemoBody(
            CODIR,
            Body.Kind.STRATEGIC_CODIR,
            Body.Circle.CODIR,
            "Le collectif de direction du bloc local : les DGS et secrétaires de mairie "
            "des neuf communes et de la communauté de communes se coordonnent, "
            "préparent les dossiers communs et suivent leurs décisions.",
            seats=(
                ("claire.morvan", R.MEMBER, EPCI, date(2024, 1, 15), None),
                ("yannick.le-goff", R.FACILITATOR, "Nieul-le-Dolent", date(2026, 1, 1), _days(45)),
                ("yannick.le-goff", R.MEMBER, "Nieul-le-Dolent", date(2024, 1, 15), None),
                ("lucie.hamon", R.SECRETARY, "La Chapelle-Hermier", date(2026, 1, 1), _days(45)),
                ("lucie.hamon", R.MEMBER, "La Chapelle-Hermier", date(2024, 2, 1), None),
                ("julien.brehier", R.MEMBER, EPCI, date(2024, 1, 15), None),
                ("sophie.garnier", R.MEMBER, "Les Achards", date(2024, 1, 15), None),
                ("amandine.rocher", R.MEMBER, "Sainte-Flaive-des-Loups", date(2024, 1, 15), None),
                ("marc.tessier", R.MEMBER, "Beaulieu-sous-la-Roche", date(2025, 9, 1), None),
                (
                    "bernard.caillaud",
                    R.MEMBER,
                    "Beaulieu-sous-la-Roche",
                    date(2024, 1, 15),
                    date(2025, 8, 31),
                ),
                ("nadia.poirier", R.MEMBER, "Martinet", date(2024, 1, 15), None),
                ("pierre.auger", R.MEMBER, "Saint-Julien-des-Landes", date(2024, 1, 15), None),
                ("thomas.lebreton", R.GUEST, ADS, date(2024, 6, 1), None),
                ("helene.vasseur", R.GUEST, CDG, date(2025, 3, 1), None),
            ),
        ),
        DemoBody(
            "Comité technique petite enfance et jeunesse",
            Body.Kind.TECHNICAL_COMMITTEE,
            Body.Circle.CODIR,
            "Prépare la convention territoriale globale et coordonne les accueils de loisirs.",
            parent=CODIR,
            seats=(
                (
                    "amandine.rocher",
                    R.FACILITATOR,
                    "Sainte-Flaive-des-Loups",
                    date(2025, 1, 1),
                    None,
                ),
                ("sophie.garnier", R.MEMBER, "Les Achards", date(2025, 1, 1), None),
                ("julien.brehier", R.MEMBER, EPCI, date(2025, 1, 1), None),
            ),
        ),
        DemoBody(
            "Groupe de travail achats mutualisés",
            Body.Kind.WORKING_GROUP,
            Body.Circle.CODIR,
            "Recense les besoins communs et prépare les groupements de commandes.",
            parent=CODIR,
            seats=(
                ("yannick.le-goff", R.FACILITATOR, "Nieul-le-Dolent", date(2025, 5, 1), None),
                ("pierre.auger", R.MEMBER, "Saint-Julien-des-Landes", date(2025, 5, 1), None),
                ("nadia.poirier", R.MEMBER, "Le Girouard", date(2025, 5, 1), None),
            ),
        ),
        DemoBody(
            "Réseau des secrétaires de mairie",
            Body.Kind.PROFESSIONAL_NETWORK,
            Body.Circle.BLOC_LOCAL,
            "Entraide entre secrétaires de mairie : questions du quotidien, modèles d'actes.",
            seats=(
                ("nadia.poirier", R.FACILITATOR, "Martinet", date(2023, 9, 1), None),
                ("lucie.hamon", R.MEMBER, "La Chapelle-Hermier", date(2024, 2, 1), None),
            ),
        ),
        DemoBody(
            "Conférence des maires",
            Body.Kind.MAYORS_CONFERENCE,
            Body.Circle.BLOC_LOCAL,
            "Les maires des neuf communes ; le codir y présente ses propositions.",
            seats=(("claire.morvan", R.DELEGATE, EPCI, date(2024, 1, 15), None),),
        ),
    ]


def _organisation(territory: Territory, name: str) -> Organisation:
    return territory.organisations.get(name=name, ended_on__isnull=True)


def _ensure_local_organisations(territory: Territory) -> None:
    for name, kind, parent_name in LOCAL_ORGANISATIONS:
        parent = _organisation(territory, parent_name) if parent_name else None
        Organisation.objects.get_or_create(
            territory=territory, name=name, defaults={"kind": kind, "parent": parent}
        )


def _ensure_person(spec: DemoPerson) -> Person:
    person = Person.objects.filter(email=spec.email).first()
    if person is None:
        person = Person.objects.create_user(
            spec.email,
            DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
            phone=spec.phone,
            presentation=spec.presentation,
            stakes=spec.stakes,
            difficulties=spec.difficulties,
            projects=spec.projects,
            expertise=spec.expertise,
        )
    return person


def _ensure_position(territory: Territory, person: Person, spec: DemoPosition) -> Position:
    organisation = _organisation(territory, spec.organisation)
    existing = Position.objects.filter(
        person=person, organisation=organisation, function=spec.function
    ).first()
    if existing is not None:
        return existing
    return position_create(
        person=person,
        organisation=organisation,
        function=spec.function,
        title=spec.title,
        start_date=spec.start,
        end_date=spec.end,
    )


def _ensure_body(territory: Territory, spec: DemoBody) -> Body:
    body = Body.objects.filter(territory=territory, name=spec.name).first()
    if body is not None:
        return body
    parent = Body.objects.get(territory=territory, name=spec.parent) if spec.parent else None
    return body_create(
        territory=territory,
        name=spec.name,
        kind=spec.kind,
        circle=spec.circle,
        parent=parent,
        description=spec.description,
        created_on=date(2024, 1, 15),
    )


def _ensure_seat(
    body: Body,
    person: Person,
    role: str,
    organisation: Organisation | None,
    start: date,
    end: date | None,
) -> None:
    if BodyMembership.objects.filter(
        body=body, person=person, role=role, start_date=start
    ).exists():
        return
    position = (
        Position.objects.filter(person=person, organisation=organisation).first()
        if organisation
        else None
    )
    membership_create(
        body=body, person=person, role=role, position=position, start_date=start, end_date=end
    )


def _load_meetings_demo(territory: Territory) -> None:
    """The codir's year: charter and calendar, agendas, minutes, then documents, in the
    order each step finds what the previous one made."""
    from decisions.demo.governance import demo_charter
    from documents.demo import demo_documents
    from meetings.agenda_demo import demo_agenda
    from meetings.demo import demo_meetings
    from minutes.demo import demo_minutes

    demo_charter(territory)  # adopted by consent: the meetings are planned from it
    demo_meetings(territory)
    demo_agenda(territory)
    demo_minutes(territory)
    demo_documents(territory)


def _load_decisions_demo(territory: Territory) -> None:
    """The codir's framework adopted by consent, its register of past decisions, their
    follow-up, a proposal in an asynchronous consent round and a past election."""
    from decisions.demo.governance import demo_framework
    from decisions.demo.proposals import demo_proposals
    from decisions.demo.register import demo_register
    from elections.demo import demo_election_day, demo_elections
    from followup.demo import demo_followup

    demo_framework(territory)
    election_day = demo_election_day(territory)

    def elect_in_date_order(day: date) -> None:
        if election_day is not None and day > election_day:
            demo_elections(territory)

    demo_register(territory, before=elect_in_date_order)
    demo_elections(territory)  # when no register entry comes after it
    demo_followup(territory)
    demo_proposals(territory)


@transaction.atomic
def demo_load() -> Territory:
    """Import the demo territory and add the invented people, bodies and seats."""
    territory_import(siren=DEMO_SIREN)
    territory = Territory.objects.get(siren=DEMO_SIREN)
    _ensure_local_organisations(territory)
    people: dict[str, Person] = {}
    for spec in PEOPLE:
        person = _ensure_person(spec)
        people[spec.key] = person
        for position in spec.positions:
            _ensure_position(territory, person, position)
        if spec.admin:
            territory_member_ensure(
                territory=territory, person=person, role=TerritoryMember.Role.ADMIN
            )
    for body_spec in demo_bodies():
        body = _ensure_body(territory, body_spec)
        for key, role, organisation_name, start, end in body_spec.seats:
            organisation = (
                _organisation(territory, organisation_name) if organisation_name else None
            )
            _ensure_seat(body, people[key], role, organisation, start, end)
    _load_meetings_demo(territory)
    with quiet():  # past records: nobody is mailed
        _load_decisions_demo(territory)
    if not Person.objects.filter(email=OPERATOR_EMAIL).exists():
        Person.objects.create_superuser(
            OPERATOR_EMAIL, DEMO_PASSWORD, first_name="Opérateur", last_name="Plate-forme"
        )
    return territory


def demo_logins() -> list[tuple[str, str]]:
    """(e-mail, what the person is) for the people a visitor may log in as."""
    described = {
        "claire.morvan": "DGS de l'EPCI, administratrice du territoire",
        "julien.brehier": "DGA de l'EPCI",
        "sophie.garnier": "DGS des Achards",
        "yannick.le-goff": "DGS de Nieul-le-Dolent, animateur du codir",
        "nadia.poirier": "secrétaire de mairie de Martinet et du Girouard",
        "thomas.lebreton": "responsable du service commun ADS",
        "helene.vasseur": "invitée (centre de gestion)",
    }
    rows = [(f"{key}@{DEMO_DOMAIN}", what) for key, what in described.items()]
    rows.append((OPERATOR_EMAIL, "opérateur de la plate-forme (administration)"))
    return rows
