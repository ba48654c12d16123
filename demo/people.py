"""Who is who in the demo territory: the real CC du Pays des Achards (official data) and
invented people, their functions, the bodies they sit in and their seats.

Every name below is invented. demo/loader.py writes them; loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from bodies.models import Body, BodyMembership
from territories.models import Organisation, Position

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
    # How they asked to be named (accounts.Person.Agreement): "f", "m", or "" (not said:
    # the inclusive forms stay, as for most of the demo's people).
    agreement: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


EPCI = "CC du Pays des Achards"
ADS = "Service commun d'instruction du droit des sols"
CDG = "Centre de gestion de la fonction publique territoriale de la Vendée"
SYNDICAT = "Syndicat mixte du bassin de l'Auzance et de la Vertonne"

# Invented postal addresses of the places that host meetings (organisation name →
# address): the calendar invitation's LOCATION. Real communes, invented street numbers.
ADDRESSES: dict[str, str] = {
    EPCI: "Siège de la communauté de communes, 2 rue Georges Clemenceau, 85150 Les Achards",
    "Les Achards": "Mairie, 1 place de l'Hôtel de Ville, 85150 Les Achards",
    "Beaulieu-sous-la-Roche": "Mairie, 1 place de la Mairie, 85190 Beaulieu-sous-la-Roche",
    "La Chapelle-Hermier": "Mairie, 3 rue de la Mairie, 85220 La Chapelle-Hermier",
    "Le Girouard": "Mairie, 1 place de la Mairie, 85150 Le Girouard",
    "Martinet": "Mairie, 2 place de l'Église, 85150 Martinet",
    "Nieul-le-Dolent": "Mairie, 1 place de la Mairie, 85430 Nieul-le-Dolent",
    "Sainte-Flaive-des-Loups": "Mairie, 4 rue de la Poste, 85150 Sainte-Flaive-des-Loups",
    "Saint-Georges-de-Pointindoux": "Mairie, 1 place de la Mairie, "
    "85150 Saint-Georges-de-Pointindoux",
    "Saint-Julien-des-Landes": "Mairie, 1 place de la Mairie, 85150 Saint-Julien-des-Landes",
}

LOCAL_ORGANISATIONS: list[tuple[str, str, str]] = [
    # name, kind, parent name
    (ADS, Organisation.Kind.SHARED_SERVICE, EPCI),
    (SYNDICAT, Organisation.Kind.SYNDICATE, ""),
    (CDG, Organisation.Kind.PARTNER, ""),
]

PEOPLE: list[DemoPerson] = [
    DemoPerson(
        key="claire.morvan",
        agreement="f",
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
        key="emilie.roussel",
        first_name="Émilie",
        last_name="Roussel",
        positions=[
            DemoPosition(
                "Les Achards", F.DGA, "DGA ressources et population", start=date(2021, 9, 1)
            )
        ],
        presentation="DGA des Achards : finances, ressources humaines, état civil. "
        "Représente la DGS au codir quand elle ne peut pas venir.",
        expertise="Préparation budgétaire, paie, dématérialisation de l'état civil.",
    ),
    DemoPerson(
        key="yannick.le-goff",
        agreement="m",
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
        agreement="f",
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
        agreement="m",
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
        agreement="f",
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
