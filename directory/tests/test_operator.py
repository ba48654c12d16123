"""The operator's page: find an EPCI, see its communes, create the territory and invite
its administrator; re-import it and see what changes first."""

from __future__ import annotations

import dataclasses
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation
from accounts.tests.factories import PersonFactory
from directory.invitations import invitation_accept
from territories import officialdata
from territories.importer import territory_import
from territories.models import Organisation, Territory, TerritoryMember
from territories.officialdata import OfficialData, official_data
from territories.tests.test_officialdata import ACHARDS

pytestmark = pytest.mark.django_db

SEARCH = reverse("territories:import_search")
CONFIRM = reverse("territories:import_confirm", args=[ACHARDS])


@pytest.fixture
def operator_client(client):
    operator = PersonFactory.create(
        is_staff=True, first_name="Olga", last_name="Opératrice", email="op@example.fr"
    )
    client.force_login(operator)
    return client


def _changed_achards(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later vintage: La Chapelle-Hermier leaves, Nieul-le-Dolent is renamed and
    Aizenay (from another EPCI) joins."""
    real = official_data()
    epci = real.epcis[ACHARDS]
    codes = [code for code in epci.member_codes if code != "85054"] + ["85003"]
    communes = {c.code: c for c in real.members(epci)} | {"85003": real.communes["85003"]}
    communes["85161"] = dataclasses.replace(communes["85161"], name="Nieul-sur-Yon")
    data = OfficialData.build(
        version=real.version,
        source=real.source,
        epcis=[dataclasses.replace(epci, member_codes=tuple(codes))],
        communes=[communes[code] for code in codes],
        delegated=[],
    )
    monkeypatch.setattr(officialdata, "official_data", lambda: data)


# Who may


def test_a_territory_administrator_is_refused_with_who_may(admin_client_):
    for response in (admin_client_.get(SEARCH), admin_client_.get(CONFIRM)):
        assert response.status_code == 403
        assert "l&#x27;opérateur" in response.content.decode()
    assert admin_client_.post(CONFIRM, {"admin_email": "x@example.fr"}).status_code == 403
    assert not Territory.objects.filter(siren=ACHARDS).exists()


def test_member_and_guest_are_refused_and_see_no_link(member_client, guest_client):
    for client in (member_client, guest_client):
        assert client.get(SEARCH).status_code == 403
        assert SEARCH not in client.get(reverse("territories:list")).content.decode()


def test_anonymous_is_sent_to_login(client):
    assert client.get(SEARCH).status_code == 302


def test_wrong_method_on_search(operator_client):
    assert operator_client.post(SEARCH).status_code == 405


# Search


def test_operator_sees_the_page_from_the_empty_territory_list_and_the_menu(operator_client):
    page = operator_client.get(reverse("territories:list")).content.decode()
    assert "Aucun territoire n’existe encore." in page
    assert page.count(f'href="{SEARCH}"') >= 2  # the menu and the message


def test_search_by_name_ignores_accents_and_case(operator_client):
    page = operator_client.get(SEARCH, {"q": "ACHÂRDS"}).content.decode()
    assert "CC du Pays des Achards" in page
    assert CONFIRM in page


def test_search_by_siren(operator_client):
    page = operator_client.get(SEARCH, {"q": "248 500 530"}).content.decode()
    assert "CC du Pays des Achards" in page


def test_search_by_commune_name_shows_the_commune(operator_client):
    page = operator_client.get(SEARCH, {"q": "chapelle hermier"}).content.decode()
    assert "CC du Pays des Achards" in page
    assert "Communes : La Chapelle-Hermier" in page


def test_search_says_when_nothing_matches(operator_client):
    page = operator_client.get(SEARCH, {"q": "zzzqqq"}).content.decode()
    assert "0 EPCI trouvé" in page
    assert "Aucun EPCI ne correspond" in page


def test_empty_search_asks_for_text(operator_client):
    page = operator_client.get(SEARCH, {"q": "  "}).content.decode()
    assert "Ce champ est obligatoire." in page


def test_search_marks_territories_already_imported(operator_client):
    territory_import(siren=ACHARDS)
    page = operator_client.get(SEARCH, {"q": "achards"}).content.decode()
    assert "déjà importé" in page


# Preview and import


def test_preview_lists_the_communes_and_writes_nothing(operator_client):
    page = operator_client.get(CONFIRM).content.decode()
    assert "Créer le territoire « CC du Pays des Achards »" in page
    assert "9 communes seront créées" in page
    assert "La Chapelle-Hermier" in page
    assert not Territory.objects.exists()
    assert not Organisation.objects.exists()


def test_unknown_siren_answers_404(operator_client):
    url = reverse("territories:import_confirm", args=["999999999"])
    assert operator_client.get(url).status_code == 404


def test_import_creates_the_territory_and_invites_its_administrator(operator_client):
    response = operator_client.post(
        CONFIRM,
        {"admin_email": "Dgs@Achards.example.fr", "first_name": "Denise", "last_name": "Gé"},
        follow=True,
    )
    territory = Territory.objects.get(siren=ACHARDS)
    assert response.redirect_chain[-1][0] == territory.get_absolute_url()
    assert territory.organisations.filter(kind=Organisation.Kind.COMMUNE).count() == 9
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.territory, invitation.territory_role) == (
        "dgs@achards.example.fr",
        territory,
        Invitation.TerritoryRole.ADMIN,
    )
    [message] = mail.outbox
    assert message.to == ["dgs@achards.example.fr"]
    assert "Vous administrerez ce territoire" in message.body
    page = response.content.decode()
    assert "territoire créé" in page
    assert "Une invitation à administrer le territoire a été envoyée" in page


def test_accepting_the_invitation_makes_an_administrator(operator_client):
    operator_client.post(CONFIRM, {"admin_email": "dgs@achards.example.fr"})
    invitation = Invitation.objects.get()
    person = PersonFactory.create(email="dgs@achards.example.fr")
    invitation_accept(invitation=invitation, person=person)
    assert TerritoryMember.objects.get(person=person).role == TerritoryMember.Role.ADMIN


def test_a_new_territory_needs_its_administrator(operator_client):
    response = operator_client.post(CONFIRM, {"admin_email": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not Territory.objects.exists()


def test_a_bad_address_keeps_what_was_typed(operator_client):
    response = operator_client.post(
        CONFIRM, {"admin_email": "pas-une-adresse", "first_name": "Denise"}
    )
    page = response.content.decode()
    assert "Saisissez une adresse de courriel valide." in page
    assert 'value="pas-une-adresse"' in page
    assert 'value="Denise"' in page
    assert not Territory.objects.exists()


def test_a_failed_mail_leaves_no_territory(operator_client, monkeypatch):
    def fail(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", fail)
    response = operator_client.post(CONFIRM, {"admin_email": "dgs@achards.example.fr"})
    assert response.status_code == 200
    assert "pas même le territoire" in response.content.decode()
    assert not Territory.objects.exists()
    assert not Organisation.objects.exists()
    assert not Invitation.objects.exists()


# Re-import after a change of perimeter


def test_reimport_shows_what_changes_before_confirming(operator_client, monkeypatch):
    territory_import(siren=ACHARDS)
    _changed_achards(monkeypatch)
    page = operator_client.get(CONFIRM).content.decode()
    assert "Mettre à jour « CC du Pays des Achards »" in page
    assert "1 commune ajoutée" in page
    assert "Aizenay" in page
    assert "La Chapelle-Hermier ne fait plus partie du territoire." in page
    assert "Nieul-le-Dolent : renommée en Nieul-sur-Yon." in page
    # Nothing written by the preview.
    territory = Territory.objects.get(siren=ACHARDS)
    assert not territory.organisations.filter(insee_code="85003").exists()
    assert territory.organisations.get(insee_code="85054").ended_on is None


def test_reimport_applies_the_change_without_a_new_administrator(operator_client, monkeypatch):
    territory_import(siren=ACHARDS)
    _changed_achards(monkeypatch)
    response = operator_client.post(CONFIRM, {"admin_email": ""})
    territory = Territory.objects.get(siren=ACHARDS)
    assert response.status_code == 302
    assert territory.organisations.filter(insee_code="85003").exists()
    assert territory.organisations.get(insee_code="85054").ended_on is not None
    assert territory.organisations.get(insee_code="85161").name == "Nieul-sur-Yon"
    assert not Invitation.objects.exists()


def test_reimport_of_an_unchanged_territory_says_so(operator_client):
    territory_import(siren=ACHARDS)
    page = operator_client.get(CONFIRM).content.decode()
    assert "Le territoire est déjà à jour" in page
