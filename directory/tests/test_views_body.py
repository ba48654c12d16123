"""A body's page, its history, and the administrators' forms to create and edit it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from directory import body_views
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def detail_url(body):
    return reverse("bodies:detail", args=[body.pk])


def update_url(body):
    return reverse("bodies:update", args=[body.pk])


def members_url(body):
    return reverse("bodies:members", args=[body.pk])


def history_url(body):
    return reverse("bodies:history", args=[body.pk])


def create_url(territory):
    return reverse("bodies:create", args=[territory.pk])


def valid_body(**overrides):
    data = {
        "name": "Comité technique Nord",
        "kind": Body.Kind.TECHNICAL_COMMITTEE,
        "circle": "1",
        "stratum": "",
        "parent": "",
        "description": "Les DGS et secrétaires du nord du territoire.",
    }
    data.update(overrides)
    return data


# --- Access --------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, world):
    for url in [
        detail_url(world.body),
        members_url(world.body),
        update_url(world.body),
        history_url(world.body),
        create_url(world.territory),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_outsider_gets_404(outsider_client, world):
    for url in [
        detail_url(world.body),
        members_url(world.body),
        update_url(world.body),
        history_url(world.body),
        create_url(world.territory),
    ]:
        assert outsider_client.get(url).status_code == 404, url
    assert outsider_client.post(update_url(world.body), valid_body()).status_code == 404


def test_territory_member_outside_the_body_gets_404(world, member_client):
    closed = BodyFactory(territory=world.territory, name="Groupe confidentiel")
    assert member_client.get(detail_url(closed)).status_code == 404
    assert member_client.get(members_url(closed)).status_code == 404
    assert member_client.get(history_url(closed)).status_code == 404
    assert member_client.get(update_url(closed)).status_code == 404


def test_former_member_gets_404(world, member_client):
    world.member_seat.end_date = date(2020, 1, 1)
    world.member_seat.start_date = date(2019, 1, 1)
    world.member_seat.save()
    assert member_client.get(detail_url(world.body)).status_code == 404


def test_member_and_guest_get_403_on_administrator_forms(world, member_client, guest_client):
    for client in (member_client, guest_client):
        assert client.get(update_url(world.body)).status_code == 403
        assert client.post(update_url(world.body), valid_body()).status_code == 403
    assert member_client.get(create_url(world.territory)).status_code == 403
    # A guest has no access to the territory: creating a body there is a 404.
    assert guest_client.get(create_url(world.territory)).status_code == 404
    world.body.refresh_from_db()
    assert world.body.name == "Conférence des DGS"


def test_wrong_methods_are_refused(world, member_client, admin_client_):
    assert member_client.post(detail_url(world.body)).status_code == 405
    assert member_client.post(members_url(world.body)).status_code == 405
    assert member_client.post(history_url(world.body)).status_code == 405
    assert admin_client_.put(update_url(world.body)).status_code == 405
    assert admin_client_.delete(create_url(world.territory)).status_code == 405


# --- The body page -------------------------------------------------------------------


def test_member_sees_members_with_their_capacity(world, member_client):
    response = member_client.get(detail_url(world.body))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Conférence des DGS" in content
    assert "codir stratégique (conférence des DGS)" in content
    assert "strate stratégique" in content
    assert "1er cercle : le codir" in content
    assert "Marc Membre" in content
    # "à quel titre": the position and its organisation.
    assert "directeur·rice général·e des services · Saint-Essai" in content
    assert reverse("people:person_detail", args=[world.member.pk]) in content


def test_guests_are_listed_apart(world, member_client):
    content = member_client.get(detail_url(world.body)).content.decode()
    guests = content[content.index('id="invites"') : content.index('id="anciens-membres"')]
    assert "Gaëlle Invitée" in guests
    assert "Marc Membre" not in guests


def test_guest_sees_the_body_they_are_invited_to(world, guest_client):
    response = guest_client.get(detail_url(world.body))
    assert response.status_code == 200
    assert "Marc Membre" in response.content.decode()


def test_role_holders_come_first_with_their_role(world, member_client):
    facilitator = PersonFactory(first_name="Fanny", last_name="Anime")
    MembershipFactory(
        body=world.body,
        person=facilitator,
        role=BodyMembership.Role.FACILITATOR,
        capacity="DGS de la ville-centre",
    )
    content = member_client.get(detail_url(world.body)).content.decode()
    members = content[content.index('id="membres"') :]
    assert members.index("Fanny Anime") < members.index("Marc Membre")
    assert members.index("animateur·rice") < members.index("Marc Membre")
    assert "DGS de la ville-centre" in content
    assert "Qui y siège (2 membres)" in content


def test_past_members_are_in_the_history_with_dates(world, member_client):
    former = PersonFactory(first_name="Ancien", last_name="Membre")
    MembershipFactory(
        body=world.body,
        person=former,
        start_date=date(2018, 1, 1),
        end_date=date(2021, 6, 30),
        capacity="DGS de Vieilleville",
    )
    content = member_client.get(detail_url(world.body)).content.decode()
    past = content[content.index('id="anciens-membres"') :]
    assert "Ancien Membre" in past
    assert "1er janvier 2018" in past
    assert "30 juin 2021" in past
    current = content[: content.index('id="anciens-membres"')]
    assert "Ancien Membre" not in current


def test_sub_bodies_and_parent_are_linked(world, member_client):
    child = BodyFactory(
        territory=world.territory,
        name="Comité technique Sud",
        kind=Body.Kind.TECHNICAL_COMMITTEE,
        parent=world.body,
    )
    MembershipFactory(body=child, person=world.member)
    hidden_child = BodyFactory(territory=world.territory, name="Groupe fermé", parent=world.body)
    content = member_client.get(detail_url(world.body)).content.decode()
    assert detail_url(child) in content
    assert "Groupe fermé" not in content
    assert detail_url(hidden_child) not in content
    content = member_client.get(detail_url(child)).content.decode()
    assert detail_url(world.body) in content  # the parent, in the breadcrumb


def test_admin_sees_actions_member_does_not(world, admin_client_, member_client):
    content = admin_client_.get(detail_url(world.body)).content.decode()
    assert update_url(world.body) in content
    assert reverse("bodies:membership_create", args=[world.body.pk]) in content
    assert reverse("people:invite_to_body", args=[world.body.pk]) in content
    assert reverse("bodies:membership_end", args=[world.member_seat.pk]) in content
    content = member_client.get(detail_url(world.body)).content.decode()
    assert update_url(world.body) not in content
    assert reverse("bodies:membership_end", args=[world.member_seat.pk]) not in content


def test_body_page_query_count_does_not_grow(world, admin_client_, django_assert_num_queries):
    # session, user, the viewer's visible bodies (read once for the whole page), body
    # (+ territory, parent), the viewer's roles, ongoing memberships (with
    # person, position, organisation), ended memberships, visible sub-bodies, and the
    # roles-and-elections card (role holders, elections in progress, who may organise),
    # and the next meeting (meetings' {% body_next_meeting %})
    with django_assert_num_queries(11):
        admin_client_.get(detail_url(world.body))
    for index in range(12):
        person = PersonFactory(last_name=f"Agent{index:02d}")
        commune = OrganisationFactory(territory=world.territory)
        position = PositionFactory(person=person, organisation=commune)
        MembershipFactory(body=world.body, person=person, position=position)
        MembershipFactory(
            body=world.body,
            role=BodyMembership.Role.GUEST,
            capacity="experte",
        )
        MembershipFactory(body=world.body, start_date=date(2015, 1, 1), end_date=date(2016, 1, 1))
        BodyFactory(territory=world.territory, parent=world.body)
    with django_assert_num_queries(11):
        response = admin_client_.get(detail_url(world.body))
    assert "Agent11" in response.content.decode()


def test_body_page_with_a_parent_checks_its_visibility_once(
    world, member_client, django_assert_num_queries
):
    child = BodyFactory(territory=world.territory, name="Comité Sud", parent=world.body)
    MembershipFactory(body=child, person=world.member)
    # as above, plus whether the parent is visible (and, for a member, whether they may
    # organise an election)
    with django_assert_num_queries(12):
        member_client.get(detail_url(child))


def test_each_person_is_listed_once_with_their_roles_beside_their_seat(world, member_client):
    # The reported defect: the facilitator appeared under "Animateur·rice" and again
    # under "Membre".
    facilitator = PersonFactory(first_name="Fanny", last_name="Animatrice", agreement="f")
    MembershipFactory(body=world.body, person=facilitator)
    MembershipFactory(body=world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR)
    secretary = PersonFactory(first_name="Sacha", last_name="Plume")
    MembershipFactory(body=world.body, person=secretary)
    MembershipFactory(body=world.body, person=secretary, role=BodyMembership.Role.SECRETARY)
    content = member_client.get(detail_url(world.body)).content.decode()
    members = content[content.index('id="membres"') : content.index('id="invites"')]
    assert members.count("Fanny Animatrice") == 1 and members.count("Sacha Plume") == 1
    # Named: as the person asked ("animatrice"), inclusive when they did not say.
    assert '<span class="tag">animatrice</span>' in members
    assert '<span class="tag">secrétaire de séance</span>' in members
    assert "animateur·rice" not in members
    # Those who hold a role come first.
    assert members.index("Fanny Animatrice") < members.index(world.member.full_name)


def test_a_role_held_without_a_member_seat_still_lists_the_person(world, member_client):
    holder = PersonFactory(first_name="Rui", last_name="Seul")
    MembershipFactory(body=world.body, person=holder, role=BodyMembership.Role.FACILITATOR)
    content = member_client.get(detail_url(world.body)).content.decode()
    members = content[content.index('id="membres"') : content.index('id="invites"')]
    assert members.count("Rui Seul") == 1
    assert '<span class="tag">animateur·rice</span>' in members


def test_the_body_page_shows_its_next_meeting(world, member_client):
    content = member_client.get(detail_url(world.body)).content.decode()
    assert "Prochaine réunion" in content and "Aucune réunion prévue" in content
    starts = timezone.now() + timedelta(days=5)
    meeting = MeetingFactory.create(
        body=world.body,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=Meeting.Status.CONVENED,
        place="Salle du conseil",
    )
    later = MeetingFactory.create(
        body=world.body,
        starts_at=starts + timedelta(days=30),
        ends_at=starts + timedelta(days=30, hours=2),
    )
    content = member_client.get(detail_url(world.body)).content.decode()
    assert meeting.get_absolute_url() in content and "Salle du conseil" in content
    assert "convoquée" in content
    assert later.get_absolute_url() not in content


def test_an_outsiders_meeting_is_never_the_next_one(world, member_client):
    elsewhere = MeetingFactory.create(body=world.other_body)
    content = member_client.get(detail_url(world.body)).content.decode()
    assert elsewhere.get_absolute_url() not in content


# --- Creating a body -----------------------------------------------------------------


def test_admin_creates_a_body_with_the_default_stratum(world, admin_client_):
    response = admin_client_.get(create_url(world.territory))
    assert response.status_code == 200
    response = admin_client_.post(create_url(world.territory), valid_body(parent=world.body.pk))
    body = Body.objects.get(name="Comité technique Nord")
    assert response.status_code == 302
    assert response["Location"] == detail_url(body)
    assert body.territory == world.territory
    assert body.stratum == Body.Stratum.OPERATIONAL  # from its kind
    assert body.parent == world.body
    assert body.circle == 1


def test_an_explicit_stratum_is_kept(world, admin_client_):
    admin_client_.post(create_url(world.territory), valid_body(stratum=Body.Stratum.STRATEGIC))
    assert Body.objects.get(name="Comité technique Nord").stratum == Body.Stratum.STRATEGIC


def test_body_form_errors_are_french_and_keep_values(world, admin_client_):
    response = admin_client_.post(
        create_url(world.territory), valid_body(kind="", description="Texte saisi")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in content
    assert 'value="Comité technique Nord"' in content
    assert "Texte saisi" in content
    assert "rien n’a été enregistré" in content
    assert not Body.objects.filter(name="Comité technique Nord").exists()


def test_duplicate_name_is_refused(world, admin_client_):
    response = admin_client_.post(
        create_url(world.territory), valid_body(name="conférence des DGS")
    )
    assert response.status_code == 200
    assert "Une instance porte déjà ce nom dans le territoire." in response.content.decode()
    assert Body.objects.filter(territory=world.territory).count() == 1


def test_same_name_in_another_territory_is_fine(world, admin_client_):
    response = admin_client_.post(create_url(world.territory), valid_body(name="Codir d'Ailleurs"))
    assert response.status_code == 302


def test_parent_from_another_territory_is_refused(world, admin_client_):
    response = admin_client_.post(
        create_url(world.territory), valid_body(parent=world.other_body.pk)
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Body.objects.filter(name="Comité technique Nord").exists()


# --- Editing a body ------------------------------------------------------------------


def test_update_form_shows_current_values(world, admin_client_):
    content = admin_client_.get(update_url(world.body)).content.decode()
    assert 'value="Conférence des DGS"' in content
    assert '<option value="codir_strategique" selected>' in content


def test_admin_updates_a_body(world, admin_client_):
    response = admin_client_.post(
        update_url(world.body),
        valid_body(
            name="Conférence des DGS du Pays Test",
            kind=Body.Kind.STRATEGIC_CODIR,
            description="Se réunit chaque mois.",
        ),
    )
    assert response.status_code == 302
    world.body.refresh_from_db()
    assert world.body.name == "Conférence des DGS du Pays Test"
    assert world.body.description == "Se réunit chaque mois."


def test_a_body_cannot_be_its_own_ancestor(world, admin_client_):
    child = BodyFactory.create(territory=world.territory, name="Comité Sud", parent=world.body)
    content = admin_client_.get(update_url(world.body)).content.decode()
    assert "Comité Sud</option>" not in content  # not offered as a parent
    response = admin_client_.post(
        update_url(world.body), valid_body(name="Conférence des DGS", parent=child.pk)
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    world.body.refresh_from_db()
    assert world.body.parent is None


def test_body_update_service_refuses_a_cycle(world):
    from django.core.exceptions import ValidationError

    from bodies.services import body_update

    child = BodyFactory(territory=world.territory, name="Comité Sud", parent=world.body)
    grandchild = BodyFactory.create(territory=world.territory, name="Groupe Sud", parent=child)
    with pytest.raises(ValidationError) as error:
        body_update(
            body=world.body,
            name=world.body.name,
            kind=world.body.kind,
            circle=world.body.circle,
            parent=grandchild,
        )
    assert "parent" in error.value.message_dict


# --- The history ---------------------------------------------------------------------


def test_history_shows_changes_and_memberships(world, admin_client_, member_client):
    admin_client_.post(
        update_url(world.body),
        valid_body(name="Conférence des DGS", kind=Body.Kind.STRATEGIC_CODIR, circle="2"),
    )
    response = member_client.get(history_url(world.body))
    assert response.status_code == 200
    content = response.content.decode()
    assert "modification" in content
    assert "Adèle Admin" in content
    assert "Marc Membre" in content  # his membership's creation
    assert "Codir d&#x27;Ailleurs" not in content


# --- A large body: the page shows the first members, the members page everyone ------


def _seat_people(world, count):
    for index in range(count):
        person = PersonFactory(first_name="Élu", last_name=f"Siège{index:02d}")
        MembershipFactory(body=world.body, person=person)


def test_a_large_body_page_lists_the_first_members_and_links_to_all(
    world, member_client, monkeypatch
):
    monkeypatch.setattr(body_views, "MEMBERS_SHOWN", 3)
    facilitator = PersonFactory(first_name="Zoé", last_name="Zanime")
    MembershipFactory(body=world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR)
    _seat_people(world, 4)
    content = member_client.get(detail_url(world.body)).content.decode()
    members = content[content.index('id="membres"') : content.index('id="invites"')]
    assert "Qui y siège (6 membres)" in members
    # the role holder first (though last by name), then by name: Marc Membre, Siège00
    assert "Zoé Zanime" in members and "Marc Membre" in members and "Siège00" in members
    assert "Siège01" not in members and "Siège03" not in members
    assert "Les 3 premières personnes" in members
    assert f'<a href="{members_url(world.body)}">Voir les 6 membres</a>' in members


def test_a_small_body_page_lists_everyone_without_a_link(world, member_client):
    _seat_people(world, 2)
    content = member_client.get(detail_url(world.body)).content.decode()
    assert "Siège01" in content
    assert members_url(world.body) not in content


def test_a_body_page_shows_the_latest_ended_memberships(world, member_client, monkeypatch):
    monkeypatch.setattr(body_views, "PAST_SHOWN", 2)
    for year in (2015, 2016, 2017):
        person = PersonFactory(first_name="Ancien", last_name=f"Élu{year}")
        MembershipFactory(
            body=world.body, person=person, start_date=date(year, 1, 1), end_date=date(year, 6, 1)
        )
    content = member_client.get(detail_url(world.body)).content.decode()
    past = content[content.index('id="anciens-membres"') :]
    assert "Élu2017" in past and "Élu2016" in past and "Élu2015" not in past
    assert f"{members_url(world.body)}#anciens-membres" in past
    page = member_client.get(members_url(world.body)).content.decode()
    assert "Élu2015" in page and "Élu2017" in page


def test_members_page_lists_everyone_a_page_at_a_time(world, admin_client_, monkeypatch):
    monkeypatch.setattr(body_views, "MEMBERS_PAGE_SIZE", 2)
    _seat_people(world, 3)  # with Marc Membre: Marc, Siège00 | Siège01, Siège02
    first = admin_client_.get(members_url(world.body)).content.decode()
    assert "Qui y siège (4 membres)" in first
    assert "Marc Membre" in first and "Siège00" in first and "Siège01" not in first
    assert "Page 1 sur 2" in first
    assert "Gaëlle Invitée" in first  # the guests come with the first page
    assert reverse("bodies:membership_end", args=[world.member_seat.pk]) in first
    second = admin_client_.get(members_url(world.body) + "?page=2").content.decode()
    assert "Siège01" in second and "Siège02" in second and "Marc Membre" not in second
    assert "Gaëlle Invitée" not in second


def test_members_page_shows_no_end_links_to_a_member(world, member_client):
    content = member_client.get(members_url(world.body)).content.decode()
    assert "Marc Membre" in content
    assert reverse("bodies:membership_end", args=[world.member_seat.pk]) not in content


def test_members_page_query_count_does_not_grow(
    world, member_client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(body_views, "MEMBERS_PAGE_SIZE", 5)
    # session, user, the viewer's visible bodies, body (+ territory), the viewer's
    # roles, ongoing memberships (with person, position, organisation), ended ones
    with django_assert_num_queries(7):
        member_client.get(members_url(world.body))
    _seat_people(world, 8)
    for _index in range(3):
        MembershipFactory(body=world.body, role=BodyMembership.Role.GUEST)
        MembershipFactory(body=world.body, start_date=date(2015, 1, 1), end_date=date(2016, 1, 1))
    with django_assert_num_queries(7):
        response = member_client.get(members_url(world.body))
    assert "Siège03" in response.content.decode()
