"""The map, the bridges and the actors' pages: who sees and who writes, the date filter,
query counts that do not grow with the data, the home page's deadline and the link that
puts an actor on a meeting's agenda."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import World, client_for
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from networks.models import Actor, ActorLink, Exchange, Strategy
from networks.tests.factories import (
    ActorFactory,
    ContactFactory,
    ExchangeFactory,
    LinkFactory,
    StrategyFactory,
)
from territories.models import TerritoryMember
from territories.tests.factories import TerritoryMemberFactory

pytestmark = pytest.mark.django_db


def map_url(world: World, **query: str) -> str:
    url = reverse("networks:map", args=[world.territory.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_member_sees_the_map_with_its_text(world, member_client):
    actor = ActorFactory.create(territory=world.territory, name="Préfecture de la Vendée")
    LinkFactory.create(
        actor=actor, person=world.member, role="référent", start_date=date(2024, 1, 1)
    )
    response = member_client.get(map_url(world))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content and "Préfecture de la Vendée" in content
    assert "Marc Membre" in content and "référent" in content
    # the member sits in the codir and is linked to the prefecture: a bridge
    assert "passeur" in content


def test_the_map_on_an_earlier_day_shows_who_was_there(world, admin_client_):
    actor = ActorFactory.create(territory=world.territory, name="DDTM")
    LinkFactory.create(
        actor=actor, person=world.admin, start_date=date(2024, 1, 1), end_date=date(2024, 12, 31)
    )
    today = admin_client_.get(map_url(world))
    then = admin_client_.get(map_url(world, au="2024-06-01"))
    assert "Adèle Admin" not in today.content.decode()
    assert "Adèle Admin" in then.content.decode()
    assert "au 1er juin 2024" in then.content.decode()


def test_a_bad_date_falls_back_to_today_and_says_so(world, member_client):
    response = member_client.get(map_url(world, au="hier"))
    assert response.status_code == 200
    assert "Indiquez une date" in response.content.decode()


def test_the_map_shows_only_the_bodies_the_member_sees(world, member_client):
    BodyFactory.create(territory=world.territory, name="Groupe secret")
    assert "Groupe secret" not in member_client.get(map_url(world)).content.decode()


def test_outsider_gets_404(world, outsider_client):
    actor = ActorFactory.create(territory=world.territory)
    for url in (
        map_url(world),
        reverse("networks:actor_list", args=[world.territory.pk]),
        actor.get_absolute_url(),
    ):
        assert outsider_client.get(url).status_code == 404


def _grow(world: World, size: int) -> None:
    for _n in range(size):
        body = BodyFactory.create(territory=world.territory, circle=2)
        person = PersonFactory.create()
        TerritoryMemberFactory.create(territory=world.territory, person=person)
        MembershipFactory.create(body=body, person=person)
        MembershipFactory.create(body=world.body, person=person)
        actor = ActorFactory.create(territory=world.territory)
        LinkFactory.create(actor=actor, person=person, start_date=date(2024, 1, 1))
        StrategyFactory.create(actor=actor, owner=person, next_step="Appeler")
        ContactFactory.create(actor=actor)
        ExchangeFactory.create(actor=actor)


@pytest.mark.parametrize("size", [1, 6])
def test_list_pages_keep_their_query_count(world, size, django_assert_num_queries):
    _grow(world, size)
    client = client_for(world.admin)
    actor = Actor.objects.filter(territory=world.territory).order_by("pk")[0]
    # session, user, the territory; the map's records: visible bodies, bodies with their
    # seats, actors with their links, communes, functions; whether the user may manage
    # (the roles). The figures and the drawing come from the cache or from these records.
    with django_assert_num_queries(9):
        assert client.get(map_url(world)).status_code == 200
    with django_assert_num_queries(9):
        assert client.get(reverse("networks:bridges", args=[world.territory.pk])).status_code == 200
    # session, user, the territory, the actors with their strategy and owner, the roles
    with django_assert_num_queries(5):
        assert (
            client.get(reverse("networks:actor_list", args=[world.territory.pk])).status_code == 200
        )
    # session, user, the actor, the roles, contacts, links, strategy, exchanges (count and
    # page), the open agendas of the user's bodies, those of the territory's other bodies
    # (the user administers the territory)
    with django_assert_num_queries(11):
        assert client.get(actor.get_absolute_url()).status_code == 200


def test_member_reads_but_cannot_write(world, member_client):
    actor = ActorFactory.create(territory=world.territory)
    assert member_client.get(actor.get_absolute_url()).status_code == 200
    assert member_client.get(reverse("networks:actor_edit", args=[actor.pk])).status_code == 403
    response = member_client.post(
        reverse("networks:actor_create", args=[world.territory.pk]),
        {"name": "Intrus", "kind": Actor.Kind.STATE, "circle": 3},
    )
    assert response.status_code == 403
    assert not Actor.objects.filter(name="Intrus").exists()


def test_admin_creates_an_actor_and_a_name_is_taken_once(world, admin_client_):
    url = reverse("networks:actor_create", args=[world.territory.pk])
    data = {"name": "Préfecture", "kind": Actor.Kind.STATE, "circle": 3, "description": ""}
    response = admin_client_.post(url, data)
    actor = Actor.objects.get(name="Préfecture")
    assert response["Location"] == actor.get_absolute_url()
    again = admin_client_.post(url, {**data, "name": "préfecture"})
    assert "Un acteur porte déjà ce nom" in again.content.decode()


def test_the_codir_facilitator_keeps_the_actors(world):
    facilitator = PersonFactory.create()
    TerritoryMemberFactory.create(territory=world.territory, person=facilitator)
    MembershipFactory.create(
        body=world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR
    )
    assert world.body.circle == Body.Circle.CODIR
    actor = ActorFactory.create(territory=world.territory)
    client = client_for(facilitator)
    assert client.get(reverse("networks:strategy_edit", args=[actor.pk])).status_code == 200


def test_control_characters_are_refused(world, admin_client_):
    actor = ActorFactory.create(territory=world.territory)
    response = admin_client_.post(
        reverse("networks:contact_create", args=[actor.pk]), {"name": "Jean\x00Dupont"}
    )
    assert response.status_code == 200
    assert not actor.contacts.exists()


def test_a_person_joins_and_leaves_an_actors_network(world, admin_client_):
    actor = ActorFactory.create(territory=world.territory)
    response = admin_client_.post(
        reverse("networks:link_create", args=[actor.pk]),
        {"person": world.member.pk, "role": "délégué", "start_date": "2024-01-01"},
    )
    assert response.status_code == 302
    link = ActorLink.objects.get(actor=actor)
    admin_client_.post(reverse("networks:link_end", args=[link.pk]))
    link.refresh_from_db()
    assert link.end_date == timezone.localdate()
    outsider_link = admin_client_.post(
        reverse("networks:link_create", args=[actor.pk]),
        {"person": world.outsider.pk, "start_date": "2024-01-01"},
    )
    assert "Choisissez une personne dans la liste." in outsider_link.content.decode()


def test_the_next_step_is_in_the_owners_deadlines(world, admin_client_, member_client):
    actor = ActorFactory.create(territory=world.territory, name="DDTM")
    admin_client_.post(
        reverse("networks:strategy_edit", args=[actor.pk]),
        {
            "purpose": "Sécuriser l'instruction",
            "owner": world.member.pk,
            "next_step": "Inviter la DDTM au codir",
            "next_step_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    assert Strategy.objects.get(actor=actor).owner == world.member
    home = member_client.get(reverse("home:home")).content.decode()
    assert "Relation avec DDTM : Inviter la DDTM au codir" in home
    assert "DDTM" not in admin_client_.get(reverse("home:home")).content.decode()


def test_exchanges_newest_first_and_paginated(world, member_client):
    actor = ActorFactory.create(territory=world.territory)
    today = timezone.localdate()
    for n in range(12):
        ExchangeFactory.create(actor=actor, on=today - timedelta(days=n), summary=f"Échange {n}.")
    first = member_client.get(actor.get_absolute_url()).content.decode()
    assert first.index("Échange 0.") < first.index("Échange 9.")
    assert "Échange 11." not in first
    second = member_client.get(actor.get_absolute_url(), {"page": 2}).content.decode()
    assert "Échange 11." in second
    assert Exchange.objects.count() == 12


def test_an_actor_goes_on_the_next_open_agenda_pre_filled(world, member_client):
    actor = ActorFactory.create(territory=world.territory, name="Syndicat de rivière")
    meeting = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.AGENDA_OPEN,
        starts_at=timezone.now() + timedelta(days=20),
    )
    content = member_client.get(actor.get_absolute_url()).content.decode()
    proposal = reverse("meetings:item_propose", args=[meeting.pk])
    assert f'href="{proposal}?titre=Relation+avec+Syndicat+de+rivi%C3%A8re' in content
    form = member_client.get(proposal, {"titre": "Relation avec Syndicat de rivière"})
    assert 'value="Relation avec Syndicat de rivière"' in form.content.decode()


def test_the_territory_page_links_to_the_map(world, member_client):
    response = member_client.get(world.territory.get_absolute_url())
    assert map_url(world) in response.content.decode()


def test_wrong_method_is_refused(world, admin_client_):
    actor = ActorFactory.create(territory=world.territory)
    link = LinkFactory.create(actor=actor, person=world.member)
    assert admin_client_.put(reverse("networks:link_end", args=[link.pk])).status_code == 405
    assert admin_client_.post(map_url(world)).status_code == 405
    assert world.admin.territory_memberships.get().role == TerritoryMember.Role.ADMIN


def test_the_actor_form_names_its_empty_choice_and_labels() -> None:
    from networks.forms import ActorForm

    form = ActorForm()
    assert next(iter(form.fields["kind"].choices)) == ("", "— choisissez —")  # type: ignore[attr-defined]
    assert form.fields["website"].label == "Site internet"
