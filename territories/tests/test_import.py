"""Importing a territory from the official data, again and again, as the data changes."""

from __future__ import annotations

import dataclasses
from io import StringIO
from typing import Any, cast

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import QuerySet
from django.utils import timezone

from territories import importer, officialdata
from territories.importer import ImportConflictError, import_all, territory_import
from territories.models import Organisation, Position, Territory
from territories.officialdata import (
    OfficialCommune,
    OfficialData,
    OfficialDelegatedCommune,
    official_data,
)
from territories.tests.factories import OrganisationFactory, PositionFactory, TerritoryFactory
from territories.tests.test_officialdata import ACHARDS, ACHARDS_COMMUNES, MAUGES

Kind = Organisation.Kind


# --- helpers -------------------------------------------------------------------------


def achards_data(
    *,
    communes: dict[str, OfficialCommune] | None = None,
    members: list[str] | None = None,
    delegated: list[OfficialDelegatedCommune] | None = None,
) -> OfficialData:
    """The Achards EPCI alone, with some communes replaced, the member list changed or
    communes déléguées added: a later vintage of the data, as a test imagines it."""
    real = official_data()
    epci = real.epcis[ACHARDS]
    codes = members if members is not None else list(epci.member_codes)
    by_code = {commune.code: commune for commune in real.members(epci)} | (communes or {})
    return OfficialData.build(
        version=real.version,
        source=real.source,
        epcis=[dataclasses.replace(epci, member_codes=tuple(codes))],
        communes=[by_code[code] for code in codes],
        delegated=delegated or [],
    )


def commune(code: str) -> OfficialCommune:
    return official_data().communes[code]


def use_data(monkeypatch: pytest.MonkeyPatch, data: OfficialData) -> None:
    monkeypatch.setattr(officialdata, "official_data", lambda: data)


def official_orgs(territory: Territory, kind: str) -> list[Organisation]:
    return list(territory.organisations.filter(kind=kind).order_by("insee_code", "name"))


def org(territory: Territory, insee_code: str) -> Organisation:
    return territory.organisations.get(insee_code=insee_code)


def organisation_entries(action: int = LogEntry.Action.CREATE) -> QuerySet[LogEntry]:
    content_type = ContentType.objects.get_for_model(Organisation)
    return LogEntry.objects.filter(content_type=content_type, action=action)


def make_position(organisation: Organisation, **fields: Any) -> Position:
    return cast(Position, PositionFactory(organisation=organisation, **fields))


def make_organisation(territory: Territory, **fields: Any) -> Organisation:
    return cast(Organisation, OrganisationFactory(territory=territory, **fields))


@pytest.fixture
def achards(db: None) -> Territory:
    territory_import(siren=ACHARDS)
    return Territory.objects.get(siren=ACHARDS)


# --- a first import --------------------------------------------------------------------


@pytest.mark.django_db
def test_import_creates_territory_epci_and_nine_communes() -> None:
    report = territory_import(siren=ACHARDS)

    territory = Territory.objects.get(siren=ACHARDS)
    assert territory.name == "CC du Pays des Achards"
    assert territory.epci_type == Territory.EpciType.CC
    assert territory.data_source == "@etalab/decoupage-administratif 6.0.0"
    assert territory.imported_at is not None
    [epci] = official_orgs(territory, Kind.EPCI)
    assert (epci.name, epci.siren, epci.population, epci.is_official) == (
        "CC du Pays des Achards",
        ACHARDS,
        20174,
        True,
    )
    communes = territory.organisations.filter(kind=Kind.COMMUNE)
    assert sorted((c.insee_code, c.name, c.population) for c in communes) == sorted(
        ACHARDS_COMMUNES
    )
    les_achards = org(territory, "85152")
    assert (les_achards.siren, les_achards.departement, les_achards.region) == (
        "200065795",
        "85",
        "52",
    )
    assert les_achards.official_code == "85152"
    assert all(c.is_official and c.parent is None and c.ended_on is None for c in communes)
    assert (report.territory_created, report.created, report.updated, report.ended) == (
        True,
        10,
        0,
        0,
    )
    assert report.summary() == (
        "CC du Pays des Achards (SIREN 248500530) : territoire créé. Organisations créées : "
        "10 ; mises à jour : 0 ; sorties du territoire : 0."
    )


@pytest.mark.django_db
def test_import_creates_delegated_communes_under_their_commune_nouvelle() -> None:
    territory_import(siren=MAUGES)

    territory = Territory.objects.get(siren=MAUGES)
    assert territory.epci_type == Territory.EpciType.CA
    assert territory.organisations.filter(kind=Kind.COMMUNE).count() == 6
    delegated = territory.organisations.filter(kind=Kind.DELEGATED_COMMUNE)
    assert delegated.count() == 64
    andreze = delegated.get(name="Andrezé")
    assert (andreze.insee_code, andreze.official_code) == ("49006", "49006")
    assert andreze.parent == org(territory, "49023")
    # The chef-lieu shares the code of its commune nouvelle, which keeps it in insee_code.
    beaupreau = delegated.get(name="Beaupréau")
    assert (beaupreau.insee_code, beaupreau.official_code) == ("", "49023")
    assert beaupreau.parent is not None
    assert beaupreau.parent.name == "Beaupréau-en-Mauges"
    assert beaupreau.parent.insee_code == "49023"


@pytest.mark.django_db
def test_audit_trail_has_an_entry_for_each_created_organisation() -> None:
    territory_import(siren=ACHARDS)

    territory = Territory.objects.get(siren=ACHARDS)
    entries = organisation_entries()
    assert entries.count() == territory.organisations.count() == 10
    nieul = org(territory, "85161")
    entry = entries.get(object_id=nieul.pk)
    assert entry.object_pk == str(nieul.pk)
    assert entry.object_repr == "Nieul-le-Dolent"
    assert entry.additional_data == {"territory": territory.pk}
    assert entry.changes["name"] == ["None", "Nieul-le-Dolent"]
    assert entry.changes["insee_code"] == ["None", "85161"]
    territory_entry = LogEntry.objects.get_for_object(territory).get()
    assert territory_entry.action == LogEntry.Action.CREATE
    assert territory_entry.additional_data == {"territory": territory.pk}


@pytest.mark.django_db
def test_bulk_audit_entries_look_like_those_save_writes() -> None:
    territory_import(siren=ACHARDS)
    territory = Territory.objects.get(siren=ACHARDS)
    bulk_created = org(territory, "85161")
    saved = Organisation.objects.get(pk=bulk_created.pk)
    saved.pk = None
    saved.insee_code = saved.official_code = "85998"
    saved.save()

    by_bulk = LogEntry.objects.get_for_object(bulk_created).get()
    by_save = LogEntry.objects.get_for_object(saved).get()
    differing = {"id", "insee_code", "official_code"}
    assert {k: v for k, v in by_bulk.changes.items() if k not in differing} == {
        k: v for k, v in by_save.changes.items() if k not in differing
    }
    assert set(by_bulk.changes) == set(by_save.changes)
    assert by_bulk.changes["is_official"] == ["None", "True"]
    assert (by_bulk.action, by_bulk.additional_data) == (by_save.action, by_save.additional_data)


# --- importing again -------------------------------------------------------------------


def test_second_import_creates_nothing(achards: Territory) -> None:
    organisations = Organisation.objects.count()
    entries = LogEntry.objects.count()

    report = territory_import(siren=ACHARDS)

    assert Territory.objects.count() == 1
    assert Organisation.objects.count() == organisations == 10
    assert (report.territory_created, report.created, report.updated, report.ended) == (
        False,
        0,
        0,
        0,
    )
    # Nothing changed, so nothing to audit.
    assert LogEntry.objects.count() == entries
    assert "déjà à jour" in report.summary()


def test_second_import_refreshes_the_import_date(achards: Territory) -> None:
    Territory.objects.filter(pk=achards.pk).update(imported_at=None)

    territory_import(siren=ACHARDS)

    achards.refresh_from_db()
    assert achards.imported_at is not None


def test_renamed_commune_is_renamed_and_keeps_its_positions(
    achards: Territory, monkeypatch: pytest.MonkeyPatch
) -> None:
    nieul = org(achards, "85161")
    position = make_position(nieul)
    renamed = dataclasses.replace(commune("85161"), name="Nieul-le-Dolent-sur-Yon")
    use_data(monkeypatch, achards_data(communes={"85161": renamed}))

    report = territory_import(siren=ACHARDS)

    nieul.refresh_from_db()
    assert nieul.name == "Nieul-le-Dolent-sur-Yon"
    assert Position.objects.get(pk=position.pk).organisation_id == nieul.pk
    assert (report.created, report.updated, report.ended) == (0, 1, 0)
    assert report.changes == ["Nieul-le-Dolent : renommée en Nieul-le-Dolent-sur-Yon."]
    update = organisation_entries(LogEntry.Action.UPDATE).get(object_id=nieul.pk)
    assert update.changes == {"name": ["Nieul-le-Dolent", "Nieul-le-Dolent-sur-Yon"]}


def test_population_change_is_updated(achards: Territory, monkeypatch: pytest.MonkeyPatch) -> None:
    grown = dataclasses.replace(commune("85138"), population=1300)
    use_data(monkeypatch, achards_data(communes={"85138": grown}))

    report = territory_import(siren=ACHARDS)

    assert org(achards, "85138").population == 1300
    assert report.changes == ["Martinet : population 1229 → 1300."]
    assert Organisation.objects.count() == 10


def test_renamed_epci_renames_the_territory_and_its_organisation(
    achards: Territory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = achards_data()
    epci = dataclasses.replace(data.epcis[ACHARDS], name="CC Achards Océan")
    use_data(
        monkeypatch,
        OfficialData.build(
            version="6.1.0",
            source=data.source,
            epcis=[epci],
            communes=data.communes.values(),
            delegated=[],
        ),
    )

    report = territory_import(siren=ACHARDS)

    achards.refresh_from_db()
    assert achards.name == "CC Achards Océan"
    assert achards.data_source == "@etalab/decoupage-administratif 6.1.0"
    assert achards.organisations.get(kind=Kind.EPCI).name == "CC Achards Océan"
    assert report.territory_updated
    assert report.changes[:2] == [
        "Territoire renommé : CC du Pays des Achards → CC Achards Océan.",
        "Données officielles : @etalab/decoupage-administratif 6.0.0 → "
        "@etalab/decoupage-administratif 6.1.0.",
    ]
    assert "territoire mis à jour" in report.summary()
    update = LogEntry.objects.get_for_object(achards).get(action=LogEntry.Action.UPDATE)
    assert update.changes["name"] == ["CC du Pays des Achards", "CC Achards Océan"]


def test_commune_merged_into_a_commune_nouvelle_becomes_its_delegated_commune(
    achards: Territory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Martinet and Le Girouard merge into "Martinet-Girouard", which keeps Martinet's code
    # (its chef-lieu) and gets a new SIREN; both become communes déléguées.
    martinet = org(achards, "85138")
    girouard = org(achards, "85099")
    girouard.address = "Place de la mairie, 85150 Le Girouard"
    girouard.description = "Mairie ouverte le mardi."
    girouard.save()
    secretary = make_position(girouard, function=Position.Function.SECRETARY, title="Secrétaire")
    dgs = make_position(martinet)
    merged = dataclasses.replace(
        commune("85138"), name="Martinet-Girouard", siren="200099999", population=2385
    )
    members = [code for code in official_data().epcis[ACHARDS].member_codes if code != "85099"]
    delegated = [
        OfficialDelegatedCommune("85099", "Le Girouard", "85138", "85", "52"),
        OfficialDelegatedCommune("85138", "Martinet", "85138", "85", "52"),
    ]
    use_data(
        monkeypatch,
        achards_data(communes={"85138": merged}, members=members, delegated=delegated),
    )

    report = territory_import(siren=ACHARDS)

    martinet.refresh_from_db()
    girouard.refresh_from_db()
    assert (martinet.kind, martinet.name, martinet.siren) == (
        Kind.COMMUNE,
        "Martinet-Girouard",
        "200099999",
    )
    assert girouard.kind == Kind.DELEGATED_COMMUNE
    assert girouard.parent == martinet
    assert (girouard.insee_code, girouard.official_code) == ("85099", "85099")
    assert girouard.ended_on is None
    assert girouard.address == "Place de la mairie, 85150 Le Girouard"
    assert girouard.description == "Mairie ouverte le mardi."
    assert Position.objects.get(pk=secretary.pk).organisation == girouard
    assert Position.objects.get(pk=dgs.pk).organisation == martinet
    old_martinet = achards.organisations.get(kind=Kind.DELEGATED_COMMUNE, name="Martinet")
    assert (old_martinet.insee_code, old_martinet.official_code) == ("", "85138")
    assert old_martinet.parent == martinet
    assert (report.created, report.updated, report.ended) == (1, 2, 0)
    assert "Le Girouard : devient commune déléguée de Martinet-Girouard." in report.changes
    assert Organisation.objects.count() == 11

    # Importing the same vintage again changes nothing.
    again = territory_import(siren=ACHARDS)
    assert (again.created, again.updated, again.ended) == (0, 0, 0)


def test_commune_leaving_the_epci_is_ended_not_deleted(
    achards: Territory, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapelle = org(achards, "85054")
    position = make_position(chapelle)
    members = [code for code in official_data().epcis[ACHARDS].member_codes if code != "85054"]
    use_data(monkeypatch, achards_data(members=members))

    report = territory_import(siren=ACHARDS)

    chapelle.refresh_from_db()
    assert chapelle.ended_on == timezone.localdate()
    assert not chapelle.is_current
    assert Position.objects.filter(pk=position.pk, organisation=chapelle).exists()
    assert Organisation.objects.count() == 10
    assert (report.created, report.updated, report.ended) == (0, 0, 1)
    assert report.changes == ["La Chapelle-Hermier ne fait plus partie du territoire."]

    # A second run does not end it again; the original data brings it back.
    assert territory_import(siren=ACHARDS).ended == 0
    monkeypatch.undo()
    back = territory_import(siren=ACHARDS)
    chapelle.refresh_from_db()
    assert chapelle.ended_on is None
    assert (back.created, back.updated) == (0, 1)


def test_local_organisations_and_fields_are_never_touched(
    achards: Territory, monkeypatch: pytest.MonkeyPatch
) -> None:
    syndicate = make_organisation(
        achards, kind=Kind.SYNDICATE, name="Syndicat mixte du Jaunay", insee_code=""
    )
    service = make_organisation(
        achards,
        kind=Kind.SHARED_SERVICE,
        name="Service commun ADS",
        insee_code="",
        parent=achards.organisations.get(kind=Kind.EPCI),
    )
    nieul = org(achards, "85161")
    nieul.address = "1 place de l'Église"
    nieul.description = "Commune rurale."
    nieul.save()
    members = [code for code in official_data().epcis[ACHARDS].member_codes if code != "85054"]
    renamed = dataclasses.replace(commune("85161"), name="Nieul", population=2700)
    use_data(monkeypatch, achards_data(communes={"85161": renamed}, members=members))

    territory_import(siren=ACHARDS)

    syndicate.refresh_from_db()
    service.refresh_from_db()
    nieul.refresh_from_db()
    assert (syndicate.name, syndicate.ended_on, syndicate.is_official) == (
        "Syndicat mixte du Jaunay",
        None,
        False,
    )
    assert service.ended_on is None
    assert service.parent is not None
    assert service.parent.kind == Kind.EPCI
    assert (nieul.name, nieul.population) == ("Nieul", 2700)
    assert (nieul.address, nieul.description) == ("1 place de l'Église", "Commune rurale.")


def test_hand_made_commune_is_adopted_by_its_insee_code(db: None) -> None:
    territory = cast(Territory, TerritoryFactory(siren=ACHARDS, name="Achards (provisoire)"))
    achards_by_hand = make_organisation(territory, name="Achards", insee_code="85152")
    position = make_position(achards_by_hand)

    territory_import(siren=ACHARDS)

    achards_by_hand.refresh_from_db()
    assert (achards_by_hand.name, achards_by_hand.is_official) == ("Les Achards", True)
    assert territory.organisations.filter(kind=Kind.COMMUNE).count() == 9
    assert Position.objects.get(pk=position.pk).organisation == achards_by_hand
    territory.refresh_from_db()
    assert territory.name == "CC du Pays des Achards"


def test_local_organisation_holding_a_commune_code_stops_the_import(achards: Territory) -> None:
    make_organisation(achards, kind=Kind.PARTNER, name="Partenaire mal saisi", insee_code="99999")
    Organisation.objects.filter(insee_code="85152").update(insee_code="")
    Organisation.objects.filter(name="Partenaire mal saisi").update(insee_code="85152")
    names_before = sorted(achards.organisations.values_list("name", flat=True))

    with pytest.raises(ImportConflictError, match="Partenaire mal saisi"):
        territory_import(siren=ACHARDS)

    assert sorted(achards.organisations.values_list("name", flat=True)) == names_before


@pytest.mark.django_db
def test_import_is_one_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("panne au milieu de l'import")

    monkeypatch.setattr(importer, "log_bulk_creations", broken)

    with pytest.raises(RuntimeError):
        territory_import(siren=ACHARDS)

    assert not Territory.objects.exists()
    assert not Organisation.objects.exists()
    assert not LogEntry.objects.exists()


# --- the commands ----------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_command_prints_a_french_summary() -> None:
    first = run("territory_import", ACHARDS)
    second = run("territory_import", ACHARDS)

    assert "CC du Pays des Achards (SIREN 248500530) : territoire créé." in first
    assert "Organisations créées : 10" in first
    assert "déjà à jour, rien n'a changé" in second
    assert Organisation.objects.count() == 10


@pytest.mark.django_db
def test_import_command_accepts_a_spaced_siren() -> None:
    run("territory_import", "248 500 530")
    assert Territory.objects.filter(siren=ACHARDS).exists()


@pytest.mark.django_db
def test_import_command_lists_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    run("territory_import", ACHARDS)
    renamed = dataclasses.replace(commune("85161"), name="Nieul")
    use_data(monkeypatch, achards_data(communes={"85161": renamed}))

    output = run("territory_import", ACHARDS)

    assert "territoire mis à jour" in output
    assert "  - Nieul-le-Dolent : renommée en Nieul." in output


@pytest.mark.django_db
def test_short_siren_is_refused_in_french_and_nothing_is_written() -> None:
    with pytest.raises(CommandError) as error:
        run("territory_import", "12345")

    message = str(error.value)
    assert "« 12345 » n'est pas un SIREN : un SIREN a 9 chiffres, celui-ci en a 5." in message
    assert "territory_search" in message
    assert not Territory.objects.exists()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_name_instead_of_siren_suggests_matching_epci() -> None:
    with pytest.raises(CommandError) as error:
        run("territory_import", "achards")

    message = str(error.value)
    assert "« achards » n'est pas un SIREN : un SIREN a 9 chiffres." in message
    assert "248500530  CC     CC du Pays des Achards" in message
    assert not Territory.objects.exists()


@pytest.mark.django_db
def test_unknown_siren_is_refused_with_close_sirens() -> None:
    with pytest.raises(CommandError) as error:
        run("territory_import", "248500531")

    message = str(error.value)
    assert "Aucun EPCI de SIREN 248500531 dans les données officielles" in message
    assert "SIREN proches :" in message
    assert "248500530  CC     CC du Pays des Achards" in message
    assert not Territory.objects.exists()


@pytest.mark.django_db
def test_unknown_siren_without_close_one() -> None:
    with pytest.raises(CommandError, match="Aucun EPCI de SIREN 999999999"):
        run("territory_import", "999999999")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_import_command_needs_a_siren_or_all() -> None:
    with pytest.raises(CommandError, match="Indiquez le SIREN"):
        run("territory_import")
    with pytest.raises(CommandError, match="pas les deux"):
        run("territory_import", ACHARDS, "--all")


def test_search_lists_matching_epci() -> None:
    output = run("territory_search", "achards")

    lines = output.splitlines()
    assert lines[0] == "1 EPCI correspond à « achards » :"
    assert lines[1].split() == ["SIREN", "Type", "Nom", "Communes", "Population"]
    assert lines[2].split() == [
        ACHARDS,
        "CC",
        "CC",
        "du",
        "Pays",
        "des",
        "Achards",
        "9",
        "20",
        "174",
    ]


def test_search_ignores_accents_and_lists_several() -> None:
    output = run("territory_search", "lyon")
    assert "6 EPCI correspondent à « lyon » :" in output
    assert "Métropole de Lyon" in output
    assert "MET69" in output


def test_search_limit_says_how_many_are_left() -> None:
    output = run("territory_search", "pays", "--limit", "3")
    assert len([line for line in output.splitlines() if line[:9].isdigit()]) == 3
    assert "autres : précisez la recherche." in output


def test_search_without_match_says_so_and_suggests() -> None:
    assert run("territory_search", "xyzzy") == "Aucun EPCI ne correspond à « xyzzy ».\n"
    output = run("territory_search", "acahrds")
    assert "Aucun EPCI ne correspond à « acahrds »." in output
    assert "Noms proches :" in output
    assert "CC du Pays des Achards" in output


# --- everything ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_import_all_epci_matches_the_data() -> None:
    data = official_data()
    member_codes = {code for epci in data.epcis.values() for code in epci.member_codes}
    delegated = [d for d in data.delegated.values() if d.parent_code in member_codes]

    output = run("territory_import", "--all", "--every", "500")

    assert "500/1255 EPCI traités" in output
    assert "1255/1255 EPCI traités" in output
    assert Territory.objects.count() == len(data.epcis) == 1255
    assert Organisation.objects.filter(kind=Kind.EPCI).count() == 1255
    assert Organisation.objects.filter(kind=Kind.COMMUNE).count() == len(member_codes) == 34871
    assert Organisation.objects.filter(kind=Kind.DELEGATED_COMMUNE).count() == len(delegated)
    assert Organisation.objects.filter(kind=Kind.DELEGATED_COMMUNE, insee_code="").count() == (
        sum(1 for d in delegated if d.shares_parent_code)
    )
    assert organisation_entries().count() == Organisation.objects.count()

    again = import_all()
    assert (again.territories_created, again.created, again.updated, again.ended) == (0, 0, 0, 0)
    assert Organisation.objects.count() == 1255 + 34871 + len(delegated)
