"""Demo of who answers what for the Pays des Achards: the reference list, the
territory's defaults (the communauté for its competences, each commune for the
municipal services, a water syndicate, the service commun ADS, the identity cards at
Les Achards), one transfer in the history (assainissement, from the communes to the
communauté on 1 January 2020), the own rows of Martinet and of Les Achards, the service
commun with its agreement, the pacte de gouvernance, and the public page published.

Idempotent: a default or a commune's row is recognised by its competence, commune and
date; the service commun by its organisation. Contacts are invented (the phone numbers
are in a range reserved for fiction), the legal sources are real."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from competences import services
from competences.models import Competence, Exercise, SharedService, TerritoryGuide
from documents.demo import DemoDocument, demo_upload
from territories.models import Organisation, Territory

EPCI = "CC du Pays des Achards"
ADS = "Service commun d'instruction du droit des sols"
SYNDICAT = "Syndicat mixte du bassin de l'Auzance et de la Vertonne"
WATER = "Vendée Eau"
EACH = ""  # a default exercised by each commune, en mairie
EPCI_DESK = "2 rue Georges Clemenceau, 85150 Les Achards"
EPCI_HOURS = "du lundi au vendredi, 9 h à 12 h 30 et 14 h à 17 h 30"

# competence code → (who, since, counter, hours, phone, email, guidance)
DEFAULTS: dict[str, tuple[str, date, str, str, str, str, str]] = {
    "amenagement-espace": (
        EPCI,
        date(2017, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 10",
        "urbanisme@demo-achards.test",
        "Le PLU intercommunal se consulte au siège de la communauté ou en mairie.",
    ),
    "developpement-economique": (
        EPCI,
        date(2017, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 20",
        "economie@demo-achards.test",
        "Le service économie reçoit les créateurs sur rendez-vous.",
    ),
    "tourisme": (
        EPCI,
        date(2017, 1, 1),
        "Office de tourisme, 85150 Les Achards",
        "",
        "02 61 91 00 30",
        "tourisme@demo-achards.test",
        "",
    ),
    "gemapi": (SYNDICAT, date(2018, 1, 1), "", "", "02 61 91 00 40", "", ""),
    "gens-du-voyage": (EPCI, date(2017, 1, 1), EPCI_DESK, EPCI_HOURS, "02 61 91 00 00", "", ""),
    "dechets": (
        EPCI,
        date(2017, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 50",
        "dechets@demo-achards.test",
        "Encombrants : déchèterie intercommunale, ou collecte sur rendez-vous auprès du "
        "service déchets. Bacs et badges : service déchets de la communauté.",
    ),
    "eau": (
        WATER,
        date(2001, 1, 1),
        "",
        "",
        "02 61 91 00 60",
        "",
        "Abonnement, compteur, fuite : appelez le service clients de Vendée Eau.",
    ),
    "assainissement": (
        EPCI,
        date(2020, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 70",
        "assainissement@demo-achards.test",
        "Raccordement au réseau et contrôle des fosses (SPANC) : service "
        "assainissement de la communauté.",
    ),
    "habitat": (EPCI, date(2017, 1, 1), EPCI_DESK, EPCI_HOURS, "02 61 91 00 80", "", ""),
    "environnement": (EPCI, date(2017, 1, 1), EPCI_DESK, EPCI_HOURS, "02 61 91 00 00", "", ""),
    "voirie": (
        EPCI,
        date(2017, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 90",
        "voirie@demo-achards.test",
        "Entrée charretière, permission de voirie : demande à la communauté.",
    ),
    "equipements-sportifs-culturels": (
        EPCI,
        date(2017, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 00",
        "",
        "",
    ),
    "france-services": (
        EPCI,
        date(2020, 1, 1),
        "Espace France services, 85150 Les Achards",
        EPCI_HOURS,
        "02 61 91 00 95",
        "",
        "",
    ),
    "petite-enfance": (
        EPCI,
        date(2019, 1, 1),
        EPCI_DESK,
        EPCI_HOURS,
        "02 61 91 00 96",
        "petite-enfance@demo-achards.test",
        "Le relais petite enfance informe sur les crèches et les assistantes maternelles.",
    ),
    "identite": (
        "Les Achards",
        date(2017, 3, 1),
        "",
        "sur rendez-vous",
        "02 61 91 01 00",
        "",
        "Seule la mairie des Achards recueille les demandes de carte d'identité et de "
        "passeport : prenez rendez-vous.",
    ),
    "urbanisme-ads": (
        EACH,
        date(2015, 7, 1),
        "",
        "",
        "",
        "",
        "Déposez votre demande à la mairie de la commune du terrain ; elle est "
        "instruite par le service commun d'instruction du droit des sols.",
    ),
}
# The municipal services each commune answers itself, en mairie.
EACH_COMMUNE = (
    "etat-civil",
    "elections",
    "ecoles",
    "periscolaire",
    "cimetieres",
    "police-maire",
    "salles-associations",
    "defense-incendie",
    "recensement",
    "domicile-demenagement",
    "action-sociale",
    "eaux-pluviales",
)
# Before the transfer of 1 January 2020, each commune ran its own assainissement.
HISTORY = {"assainissement": date(2000, 1, 1)}

# commune → (competence code → (since, hours, phone, email, guidance))
OWN_ROWS: dict[str, dict[str, tuple[date, str, str, str, str]]] = {
    "Martinet": {
        "urbanisme-ads": (
            date(2015, 7, 1),
            "mardi, jeudi et vendredi, 9 h à 12 h",
            "02 61 91 02 00",
            "mairie@martinet.demo-achards.test",
            "Déposez le dossier de permis en mairie de Martinet (en 2 exemplaires) "
            "ou en ligne ; la secrétaire vérifie qu'il est complet et le transmet "
            "au service commun ADS, qui l'instruit.",
        ),
        "etat-civil": (
            date(2000, 1, 1),
            "mardi, jeudi et vendredi, 9 h à 12 h",
            "02 61 91 02 00",
            "mairie@martinet.demo-achards.test",
            "",
        ),
    },
    "Les Achards": {
        "urbanisme-ads": (
            date(2015, 7, 1),
            "du lundi au samedi, 9 h à 12 h",
            "02 61 91 01 00",
            "urbanisme@lesachards.demo-achards.test",
            "",
        ),
    },
}

PACT = """Le présent pacte organise les relations entre la communauté de communes et ses
neuf communes membres (article L5211-11-2 du CGCT).

## 1. La conférence des maires
Elle se réunit au moins deux fois par an, avant le vote du budget et avant les
orientations budgétaires.

## 2. Le co-dir de territoire
Les DGS et secrétaires de mairie se réunissent chaque mois ; le co-dir prépare la mise en
œuvre des décisions et tient à jour la carte « qui répond à quoi ».

## 3. Les services communs
Le service commun d'instruction du droit des sols instruit les autorisations d'urbanisme
des neuf communes ; le maire reste l'autorité qui délivre."""

SCHEME = """Le schéma de mutualisation (article L5211-39-1 du CGCT) prévoit :

- le service commun d'instruction du droit des sols (depuis le 1er juillet 2015) ;
- un groupement de commandes pour les fournitures ;
- le remplacement des secrétaires de mairie absentes."""


def _organisations(territory: Territory) -> dict[str, Organisation]:
    by_name = {o.name: o for o in Organisation.objects.filter(territory=territory)}
    if WATER not in by_name:
        by_name[WATER] = Organisation.objects.create(
            territory=territory, kind=Organisation.Kind.SYNDICATE, name=WATER
        )
    return by_name


def demo_competences(territory: Territory) -> None:
    services.reference_load(territory=territory)
    with transaction.atomic():
        organisations = _organisations(territory)
        competences = {c.code: c for c in Competence.objects.filter(territory=territory)}
        communes = [
            o
            for o in organisations.values()
            if o.kind == Organisation.Kind.COMMUNE and o.ended_on is None
        ]
        for code, since in HISTORY.items():
            _row(territory, competences[code], None, None, since)
        for code, (who, since, counter, hours, phone, email, guidance) in DEFAULTS.items():
            organisation = organisations.get(who) if who else None
            if who and organisation is None:
                continue
            _row(
                territory,
                competences[code],
                None,
                organisation,
                since,
                counter=counter,
                hours=hours,
                phone=phone,
                email=email,
                guidance=guidance,
            )
        for code in EACH_COMMUNE:
            _row(territory, competences[code], None, None, date(2000, 1, 1))
        for commune in communes:
            for code, (since, hours, phone, email, guidance) in OWN_ROWS.get(
                commune.name, {}
            ).items():
                _row(
                    territory,
                    competences[code],
                    commune,
                    commune,
                    since,
                    hours=hours,
                    phone=phone,
                    email=email,
                    guidance=guidance,
                    internal_note="Note interne : dossier suivi par la secrétaire de mairie.",
                )
        _shared_service(territory, organisations, communes)
        TerritoryGuide.objects.update_or_create(
            territory=territory,
            defaults={
                "published": True,
                "pact_text": PACT,
                "pact_date": date(2021, 3, 25),
                "scheme_text": SCHEME,
                "scheme_date": date(2016, 6, 30),
            },
        )


def _row(
    territory: Territory,
    competence: Competence,
    commune: Organisation | None,
    organisation: Organisation | None,
    since: date,
    **values: str,
) -> None:
    Exercise.objects.get_or_create(
        territory=territory,
        competence=competence,
        commune=commune,
        since=since,
        defaults={"exercised_by": organisation, **values},
    )


def _shared_service(
    territory: Territory, organisations: dict[str, Organisation], communes: list[Organisation]
) -> None:
    organisation = organisations.get(ADS)
    if organisation is None or SharedService.objects.filter(organisation=organisation).exists():
        return
    service = SharedService.objects.create(
        territory=territory,
        organisation=organisation,
        description="Instruction des permis de construire, déclarations préalables et "
        "certificats d'urbanisme des neuf communes.",
        agreement_start=date(2015, 7, 1),
    )
    service.communes.set(communes)
    convention = DemoDocument(
        title="Convention du service commun ADS",
        filename="Convention service commun ADS.pdf",
        paragraphs=(
            "Convention entre la communauté de communes du Pays des Achards et ses communes "
            "membres pour l'instruction des autorisations du droit des sols (article "
            "L5211-4-2 du CGCT ; article R423-15 du code de l'urbanisme).",
            "Le maire reste l'autorité compétente pour délivrer les autorisations.",
        ),
        item_word="",
    )
    services.shared_document_upload(
        service=service, upload=demo_upload(convention), title=convention.title, actor=None
    )
