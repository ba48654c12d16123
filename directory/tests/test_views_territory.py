"""The territory pages: the list, the territory itself and its history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import InvitationFactory, PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from territories.models import Organisation, Position
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def detail_url(world):
    return reverse("territories:detail", args=[world.territory.pk])


def history_url(world):
    return reverse("territories:history", args=[world.territory.pk])


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["detail", "directory", "history"])
def test_anonymous_is_sent_to_login(client, world, name):
    response = client.get(reverse(f"territories:{name}", args=[world.territory.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_anonymous_list_is_sent_to_login(client):
    response = client.get(reverse("territories:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", ["detail", "directory", "history"])
def test_outsider_gets_404(outsider_client, world, name):
    url = reverse(f"territories:{name}", args=[world.territory.pk])
    assert outsider_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["detail", "directory", "history"])
def test_guest_without_territory_access_gets_404(guest_client, world, name):
    # A guest sees the body they are invited to, nothing of the territory.
    url = reverse(f"territories:{name}", args=[world.territory.pk])
    assert guest_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["detail", "directory", "history"])
def test_post_is_refused(member_client, world, name):
    url = reverse(f"territories:{name}", args=[world.territory.pk])
    assert member_client.post(url).status_code == 405


def test_list_refuses_post(member_client):
    assert member_client.post(reverse("territories:list")).status_code == 405


def test_unknown_territory_gets_404(member_client):
    assert member_client.get(reverse("territories:detail", args=[999999])).status_code == 404


# --- The list ------------------------------------------------------------------------


def test_list_shows_my_territories_only(world, member_client):
    response = member_client.get(reverse("territories:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "CC du Pays Test" in content
    assert "CA d&#x27;Ailleurs" not in content


def test_list_is_empty_for_a_guest(world, guest_client):
    response = guest_client.get(reverse("territories:list"))
    assert response.status_code == 200
    assert "aucun territoire" in response.content.decode()


# --- The territory -------------------------------------------------------------------


def test_member_sees_epci_communes_and_leaders(world, member_client):
    response = member_client.get(detail_url(world))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Saint-Essai" in content
    assert "500 à 1 999 habitants" in content  # the commune's size class
    assert "Marc Membre" in content  # its DGS
    assert reverse("people:person_detail", args=[world.member.pk]) in content
    assert "10 000 à 49 999 habitants" in content  # the EPCI's
    assert "Ailleurs-sur-Mer" not in content


def test_ended_leaders_are_not_shown(world, member_client):
    former = PersonFactory(first_name="Ancien", last_name="Secrétaire")
    PositionFactory(
        person=former,
        organisation=world.commune,
        function=Position.Function.SECRETARY,
        start_date="2015-01-01",
        end_date="2020-12-31",
    )
    content = member_client.get(detail_url(world)).content.decode()
    assert "Ancien Secrétaire" not in content


def test_delegated_communes_are_shown_under_their_commune_nouvelle(world, member_client):
    OrganisationFactory(
        territory=world.territory,
        kind=Organisation.Kind.DELEGATED_COMMUNE,
        name="Vieux-Bourg",
        parent=world.commune,
    )
    content = member_client.get(detail_url(world)).content.decode()
    assert "Communes déléguées" in content
    # Under Saint-Essai's row, not as a commune of its own: one row per commune.
    assert content.index("Saint-Essai") < content.index("Vieux-Bourg")
    assert "Les communes membres" not in content  # still one commune
    assert "La commune membre (1)" in content


def test_member_sees_only_the_bodies_they_sit_in(world, member_client):
    BodyFactory(territory=world.territory, name="Réseau des secrétaires", circle=2)
    content = member_client.get(detail_url(world)).content.decode()
    assert "Conférence des DGS" in content
    assert "Réseau des secrétaires" not in content
    assert "Codir d&#x27;Ailleurs" not in content


def test_a_person_with_two_roles_counts_once(world, member_client):
    MembershipFactory(body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR)
    content = member_client.get(detail_url(world)).content.decode()
    assert "2 participants" in content  # the member and the guest


def test_admin_sees_every_body_grouped_by_circle(world, admin_client_):
    BodyFactory(
        territory=world.territory,
        name="Réseau des secrétaires",
        kind=Body.Kind.PROFESSIONAL_NETWORK,
        circle=Body.Circle.BLOC_LOCAL,
    )
    content = admin_client_.get(detail_url(world)).content.decode()
    assert "1er cercle : le codir" in content
    assert "2e cercle : les autres acteurs du bloc local" in content
    assert content.index("Conférence des DGS") < content.index("Réseau des secrétaires")


def test_admin_sees_administration_and_pending_invitations(world, admin_client_):
    InvitationFactory(territory=world.territory, email="nouvelle.dgs@example.fr")
    content = admin_client_.get(detail_url(world)).content.decode()
    assert reverse("bodies:create", args=[world.territory.pk]) in content
    assert reverse("people:invite_to_territory", args=[world.territory.pk]) in content
    assert reverse("territories:organisation_create", args=[world.territory.pk]) in content
    assert "nouvelle.dgs@example.fr" in content


def test_member_does_not_see_administration(world, member_client):
    InvitationFactory(territory=world.territory, email="nouvelle.dgs@example.fr")
    content = member_client.get(detail_url(world)).content.decode()
    assert reverse("bodies:create", args=[world.territory.pk]) not in content
    assert "Administration du territoire" not in content
    assert "nouvelle.dgs@example.fr" not in content


def add_communes(world, count):
    """Communes with a DGS and a secretary each, a commune déléguée, and a body."""
    for index in range(count):
        commune = OrganisationFactory(territory=world.territory, name=f"Commune {index}")
        PositionFactory(organisation=commune, function=Position.Function.DGS)
        PositionFactory(organisation=commune, function=Position.Function.SECRETARY)
        OrganisationFactory(
            territory=world.territory,
            kind=Organisation.Kind.DELEGATED_COMMUNE,
            parent=commune,
            name=f"Déléguée {index}",
        )
        body = BodyFactory(territory=world.territory, name=f"Comité {index}", circle=2)
        MembershipFactory(body=body, person=world.member)
    OrganisationFactory(
        territory=world.territory, kind=Organisation.Kind.SYNDICATE, name="Syndicat d'eau"
    )


def test_territory_page_query_count_does_not_grow(world, member_client, django_assert_num_queries):
    # session, user, the viewer's visible bodies, territory, admin check, organisations, their
    # leaders, their communes déléguées, the visible bodies (with their member count)
    with django_assert_num_queries(9):
        member_client.get(detail_url(world))
    add_communes(world, 12)
    with django_assert_num_queries(9):
        response = member_client.get(detail_url(world))
    content = response.content.decode()
    assert "Commune 11" in content
    assert "Déléguée 11" in content
    assert "Comité 11" in content
    assert "Syndicat d&#x27;eau" in content


def test_admin_territory_page_query_count_does_not_grow(
    world, admin_client_, django_assert_num_queries
):
    # as a member's, plus the pending invitations
    with django_assert_num_queries(10):
        admin_client_.get(detail_url(world))
    add_communes(world, 12)
    for index in range(5):
        InvitationFactory(territory=world.territory, email=f"invite{index}@example.fr")
    with django_assert_num_queries(10):
        response = admin_client_.get(detail_url(world))
    assert "invite4@example.fr" in response.content.decode()


# --- The history ---------------------------------------------------------------------


def test_history_shows_changes_with_their_author(world, admin_client_):
    admin_client_.post(
        reverse("bodies:create", args=[world.territory.pk]),
        {"name": "Comité technique Nord", "kind": Body.Kind.TECHNICAL_COMMITTEE, "circle": 1},
    )
    response = admin_client_.get(history_url(world))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Comité technique Nord" in content
    assert "Adèle Admin" in content
    assert "création" in content


def test_member_history_hides_bodies_they_do_not_sit_in(world, member_client):
    hidden = BodyFactory(territory=world.territory, name="Groupe confidentiel")
    MembershipFactory(body=hidden, person=PersonFactory(last_name="Discret"))
    InvitationFactory(territory=world.territory, email="secret@example.fr")
    content = member_client.get(history_url(world)).content.decode()
    assert "Conférence des DGS" in content  # they sit in it
    assert "Groupe confidentiel" not in content
    assert "Discret" not in content
    assert "secret@example.fr" not in content


def test_admin_history_shows_everything_of_the_territory(world, admin_client_):
    BodyFactory(territory=world.territory, name="Groupe confidentiel")
    content = admin_client_.get(history_url(world)).content.decode()
    assert "Groupe confidentiel" in content
    assert "Codir d&#x27;Ailleurs" not in content


def test_history_keeps_ended_memberships_of_visible_bodies(world, member_client):
    seat = MembershipFactory.create(body=world.body, role=BodyMembership.Role.SECRETARY)
    seat.end_date = seat.start_date
    seat.save()
    content = member_client.get(history_url(world)).content.decode()
    assert "secrétaire de séance" in content
