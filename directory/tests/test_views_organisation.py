"""An organisation's page, its history, and the administrators' forms for organisations
and positions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import BodyFactory, MembershipFactory
from territories.models import Organisation, Position, TerritoryMember
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def detail_url(organisation):
    return reverse("territories:organisation_detail", args=[organisation.pk])


def create_position_url(organisation):
    return reverse("territories:position_create", args=[organisation.pk])


def end_position_url(position):
    return reverse("territories:position_end", args=[position.pk])


def create_organisation_url(territory):
    return reverse("territories:organisation_create", args=[territory.pk])


def update_url(organisation):
    return reverse("territories:organisation_update", args=[organisation.pk])


# --- Access, for every page of this module ---------------------------------------------


def organisation_urls(world):
    return [
        detail_url(world.commune),
        reverse("territories:organisation_history", args=[world.commune.pk]),
        create_position_url(world.commune),
        create_organisation_url(world.territory),
        update_url(world.commune),
    ]


def test_anonymous_is_sent_to_login(client, world):
    for url in [*organisation_urls(world), end_position_url(world.member_position)]:
        response = client.get(url) if "terminer" not in url else client.post(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_outsider_gets_404(outsider_client, world):
    for url in organisation_urls(world):
        assert outsider_client.get(url).status_code == 404, url
    response = outsider_client.post(end_position_url(world.member_position), {"end_date": ""})
    assert response.status_code == 404


def test_guest_gets_404(guest_client, world):
    for url in organisation_urls(world):
        assert guest_client.get(url).status_code == 404, url


def test_member_gets_403_on_administrator_forms(member_client, world):
    assert member_client.get(create_position_url(world.commune)).status_code == 403
    assert member_client.get(create_organisation_url(world.territory)).status_code == 403
    assert member_client.post(update_url(world.commune), {"address": "x"}).status_code == 403
    response = member_client.post(
        end_position_url(world.member_position), {"end_date": "2030-01-01"}
    )
    assert response.status_code == 403
    assert member_client.get(end_position_url(world.member_position)).status_code == 403
    world.member_position.refresh_from_db()
    assert world.member_position.end_date is None


def test_wrong_methods_are_refused(member_client, admin_client_, world):
    assert member_client.post(detail_url(world.commune)).status_code == 405
    history = reverse("territories:organisation_history", args=[world.commune.pk])
    assert member_client.post(history).status_code == 405
    assert admin_client_.put(end_position_url(world.member_position)).status_code == 405
    assert admin_client_.delete(create_position_url(world.commune)).status_code == 405
    assert admin_client_.put(create_organisation_url(world.territory)).status_code == 405


# --- The organisation page -------------------------------------------------------------


def test_member_sees_the_organisation(world, member_client):
    world.commune.siren = "218500001"
    world.commune.save()
    response = member_client.get(detail_url(world.commune))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Saint-Essai" in content
    assert world.commune.insee_code in content
    assert "218500001" in content
    assert "850 habitants" in content
    assert "500 à 1 999 habitants" in content
    # Its DGS, with the date they started, and the body they sit in.
    assert "Marc Membre" in content
    assert "directeur·rice général·e des services" in content
    assert "Conférence des DGS" in content


def test_past_positions_are_kept_in_the_history(world, member_client):
    former = PersonFactory(first_name="Ancienne", last_name="Secrétaire")
    PositionFactory(
        person=former,
        organisation=world.commune,
        function=Position.Function.SECRETARY,
        start_date=date(2012, 9, 1),
        end_date=date(2019, 6, 30),
    )
    content = member_client.get(detail_url(world.commune)).content.decode()
    past = content[content.index("Fonctions passées") :]
    assert "Ancienne Secrétaire" in past
    assert "30 juin 2019" in past


def test_commune_nouvelle_and_communes_deleguees_link_each_other(world, member_client):
    delegated = OrganisationFactory(
        territory=world.territory,
        kind=Organisation.Kind.DELEGATED_COMMUNE,
        name="Vieux-Bourg",
        parent=world.commune,
    )
    content = member_client.get(detail_url(world.commune)).content.decode()
    assert "Communes déléguées" in content
    assert detail_url(delegated) in content
    content = member_client.get(detail_url(delegated)).content.decode()
    assert "Rattachée à" in content
    assert detail_url(world.commune) in content


def test_bodies_the_user_cannot_see_are_not_listed(world, member_client):
    hidden = BodyFactory(territory=world.territory, name="Groupe confidentiel")
    MembershipFactory(body=hidden, person=world.member)
    MembershipFactory(body=hidden, person=world.admin)
    other = PersonFactory()
    other_body = BodyFactory(territory=world.territory, name="Réseau fermé")
    PositionFactory(person=other, organisation=world.commune)
    MembershipFactory(body=other_body, person=other)
    content = member_client.get(detail_url(world.commune)).content.decode()
    assert "Groupe confidentiel" in content  # the member sits in it
    assert "Réseau fermé" not in content


def test_admin_sees_add_and_end_actions(world, admin_client_):
    content = admin_client_.get(detail_url(world.commune)).content.decode()
    assert create_position_url(world.commune) in content
    assert end_position_url(world.member_position) in content


def test_member_does_not_see_admin_actions(world, member_client):
    content = member_client.get(detail_url(world.commune)).content.decode()
    assert create_position_url(world.commune) not in content
    assert end_position_url(world.member_position) not in content


def test_organisation_page_query_count_does_not_grow(
    world, admin_client_, django_assert_num_queries
):
    # session, user, organisation (+ territory, parent), admin check, the viewer's visible
    # bodies, attached
    # organisations, current positions, past positions, the seats of its people
    with django_assert_num_queries(9):
        admin_client_.get(detail_url(world.commune))
    for index in range(10):
        person = PersonFactory(last_name=f"Agent{index}")
        PositionFactory(person=person, organisation=world.commune)
        PositionFactory(
            organisation=world.commune, start_date=date(2010, 1, 1), end_date=date(2012, 1, 1)
        )
        OrganisationFactory(
            territory=world.territory,
            kind=Organisation.Kind.DELEGATED_COMMUNE,
            parent=world.commune,
        )
        body = BodyFactory(territory=world.territory, name=f"Comité {index}")
        MembershipFactory(body=body, person=person)
    with django_assert_num_queries(9):
        response = admin_client_.get(detail_url(world.commune))
    assert "Agent9" in response.content.decode()
    assert "Comité 9" in response.content.decode()


def test_history_shows_the_positions_held(world, admin_client_):
    admin_client_.post(
        create_position_url(world.commune),
        {
            "person": world.admin.pk,
            "function": Position.Function.SECRETARY,
            "title": "Secrétaire de mairie à mi-temps",
            "start_date": "2024-01-15",
        },
    )
    response = admin_client_.get(
        reverse("territories:organisation_history", args=[world.commune.pk])
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Secrétaire de mairie à mi-temps" in content
    assert "Adèle Admin" in content  # the author
    assert "Ailleurs" not in content


# --- Adding a position -------------------------------------------------------------------


def test_admin_adds_a_position(world, admin_client_):
    response = admin_client_.get(create_position_url(world.commune))
    assert response.status_code == 200
    response = admin_client_.post(
        create_position_url(world.commune),
        {
            "person": world.member.pk,
            "function": Position.Function.SHARED_SERVICE_HEAD,
            "title": "",
            "start_date": "2025-03-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(world.commune)
    position = Position.objects.get(
        person=world.member, function=Position.Function.SHARED_SERVICE_HEAD
    )
    assert position.start_date == date(2025, 3, 1)
    assert position.organisation == world.commune


def test_position_form_offers_people_of_the_territory_only(world, admin_client_):
    content = admin_client_.get(create_position_url(world.commune)).content.decode()
    assert "MEMBRE Marc" in content
    assert "INVITÉE Gaëlle" in content  # she sits in a body of the territory
    assert "DEHORS Olivier" not in content
    assert "SEUL Lou" not in content


def test_position_for_someone_outside_the_territory_is_refused(world, admin_client_):
    response = admin_client_.post(
        create_position_url(world.commune),
        {"person": world.outsider.pk, "function": "dgs", "start_date": "2025-03-01"},
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Position.objects.filter(person=world.outsider, organisation=world.commune)


def test_position_form_keeps_values_and_speaks_french(world, admin_client_):
    response = admin_client_.post(
        create_position_url(world.commune),
        {"person": world.member.pk, "function": "", "title": "DGS mutualisé", "start_date": "x"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "Saisissez une date valide." in content
    assert 'value="DGS mutualisé"' in content
    assert f'<option value="{world.member.pk}" selected>' in content
    assert "rien n’a été enregistré" in content
    assert Position.objects.filter(organisation=world.commune).count() == 1


def test_giving_a_guest_a_position_gives_them_the_territory(world, admin_client_):
    admin_client_.post(
        create_position_url(world.commune),
        {"person": world.guest.pk, "function": "expert", "start_date": "2025-01-01"},
    )
    assert TerritoryMember.objects.filter(territory=world.territory, person=world.guest).exists()


def test_no_position_in_an_organisation_that_left_the_territory(world, admin_client_):
    world.commune.ended_on = date(2024, 1, 1)
    world.commune.save()
    response = admin_client_.post(
        create_position_url(world.commune),
        {"person": world.member.pk, "function": "dga", "start_date": "2025-01-01"},
    )
    assert response.status_code == 200
    assert "ne fait plus partie du territoire" in response.content.decode()
    assert not Position.objects.filter(function="dga").exists()


# --- Ending a position ---------------------------------------------------------------------


def test_ending_a_position_is_never_one_click(world, admin_client_):
    page = admin_client_.get(detail_url(world.commune)).content.decode()
    url = end_position_url(world.member_position)
    assert f'action="{url}"' not in page
    assert f'href="{url}"' in page
    content = admin_client_.get(url).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in content  # today by default
    assert "Terminer la fonction</button>" in content
    world.member_position.refresh_from_db()
    assert world.member_position.end_date is None


def test_admin_ends_a_position(world, admin_client_):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = admin_client_.post(
        end_position_url(world.member_position), {"end_date": yesterday.isoformat()}
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(world.commune)
    world.member_position.refresh_from_db()
    assert world.member_position.end_date == yesterday
    content = admin_client_.get(detail_url(world.commune)).content.decode()
    past = content[content.index("Fonctions passées") :]
    assert "Marc Membre" in past


def test_end_before_start_is_refused_in_french(world, admin_client_):
    world.member_position.start_date = date(2020, 5, 1)
    world.member_position.save()
    response = admin_client_.post(
        end_position_url(world.member_position), {"end_date": "2019-01-01"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "ne peut pas précéder la date de début (1er mai 2020)" in content
    assert 'value="2019-01-01"' in content
    world.member_position.refresh_from_db()
    assert world.member_position.end_date is None


def test_end_date_is_required(world, admin_client_):
    response = admin_client_.post(end_position_url(world.member_position), {"end_date": ""})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()


def test_outsider_cannot_end_a_position_of_another_territory(world, admin_client_):
    elsewhere = PositionFactory.create(organisation=world.other_commune)
    response = admin_client_.post(end_position_url(elsewhere), {"end_date": "2030-01-01"})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.end_date is None


# --- Adding an organisation -----------------------------------------------------------------


def test_admin_adds_a_shared_service(world, admin_client_):
    response = admin_client_.post(
        create_organisation_url(world.territory),
        {
            "kind": Organisation.Kind.SHARED_SERVICE,
            "name": "Service commun d'instruction du droit des sols",
            "siren": "",
            "parent": world.epci.pk,
            "address": "",
            "description": "Instruit les permis de construire des communes.",
        },
    )
    organisation = Organisation.objects.get(name__startswith="Service commun d'instruction")
    assert response.status_code == 302
    assert response["Location"] == detail_url(organisation)
    assert organisation.parent == world.epci
    assert not organisation.is_official
    content = admin_client_.get(reverse("territories:detail", args=[world.territory.pk]))
    assert "Service commun d&#x27;instruction" in content.content.decode()


def test_communes_cannot_be_added_by_hand(world, admin_client_):
    response = admin_client_.post(
        create_organisation_url(world.territory), {"kind": "commune", "name": "Fausseville"}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Organisation.objects.filter(name="Fausseville").exists()


def test_organisation_form_errors_are_french_and_keep_values(world, admin_client_):
    response = admin_client_.post(
        create_organisation_url(world.territory),
        {"kind": "syndicat", "name": "saint-essai", "siren": "12345"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Le SIREN compte 9 chiffres." in content
    assert 'value="saint-essai"' in content
    assert 'value="12345"' in content
    # Once the SIREN is right, the name is checked by the service.
    response = admin_client_.post(
        create_organisation_url(world.territory),
        {"kind": "syndicat", "name": "saint-essai", "siren": "123 456 789"},
    )
    assert "Une organisation porte déjà ce nom dans le territoire." in response.content.decode()
    assert Organisation.objects.filter(territory=world.territory).count() == 2


def test_parent_from_another_territory_is_refused(world, admin_client_):
    response = admin_client_.post(
        create_organisation_url(world.territory),
        {"kind": "partenaire", "name": "Préfecture", "parent": world.other_commune.pk},
    )
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Organisation.objects.filter(name="Préfecture").exists()


# --- The address and presentation -------------------------------------------------------


def test_admin_edits_the_address_of_an_official_commune(world, admin_client_):
    assert "Modifier l’adresse" in admin_client_.get(detail_url(world.commune)).content.decode()
    response = admin_client_.post(
        update_url(world.commune),
        {"address": "  Mairie, 1 place de la Mairie, 85150 Saint-Essai ", "description": ""},
    )
    assert response.status_code == 302 and response["Location"] == detail_url(world.commune)
    world.commune.refresh_from_db()
    assert world.commune.address == "Mairie, 1 place de la Mairie, 85150 Saint-Essai"


def test_address_with_a_control_character_is_refused_and_kept(world, admin_client_):
    response = admin_client_.post(
        update_url(world.commune), {"address": "Mairie\x07, 1 place", "description": "Texte"}
    )
    assert response.status_code == 200
    assert "Texte" in response.content.decode()
    world.commune.refresh_from_db()
    assert world.commune.address == ""
