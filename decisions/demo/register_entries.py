"""The twenty past entries of the demo register (decisions/demo/register.py records
them through the services): title, object, proposer, how many months ago, text, and
what happened to each (amended, superseded, an objection integrated, treated live)."""

from __future__ import annotations

from dataclasses import dataclass

from decisions.models import Process

DEMO_DOMAIN = "demo-achards.test"

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
