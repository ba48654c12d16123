"""Second steps and links on an actor's page: removing a contact and ending a link ask
for confirmation first, and a territory's administrator who sits in no body is offered
the agendas of the territory's bodies they may propose to."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bodies.tests.factories import BodyFactory
from conftest import World, client_for
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from networks.tests.factories import ActorFactory, ContactFactory, LinkFactory

pytestmark = pytest.mark.django_db


def test_removing_a_contact_asks_first(world: World, admin_client_: Client) -> None:
    actor = ActorFactory.create(territory=world.territory, name="DDTM")
    contact = ContactFactory.create(actor=actor, name="Jeanne Doe")
    url = reverse("networks:contact_delete", args=[contact.pk])
    page = admin_client_.get(actor.get_absolute_url()).content.decode()
    # The actor's page links to the second step: no form that removes in one click.
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page
    confirm = admin_client_.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Jeanne Doe ne figurera plus parmi les contacts de « DDTM »" in text
    assert "Retirer le contact" in text and actor.get_absolute_url() in text
    assert actor.contacts.filter(pk=contact.pk).exists()  # looking removes nothing
    assert admin_client_.post(url).status_code == 302
    assert not actor.contacts.filter(pk=contact.pk).exists()


def test_ending_a_link_asks_first(world: World, admin_client_: Client) -> None:
    actor = ActorFactory.create(territory=world.territory, name="DDTM")
    link = LinkFactory.create(actor=actor, person=world.member, start_date=date(2024, 1, 1))
    url = reverse("networks:link_end", args=[link.pk])
    assert f'href="{url}"' in admin_client_.get(actor.get_absolute_url()).content.decode()
    confirm = admin_client_.get(url).content.decode()
    assert "Marc Membre quitte le réseau de « DDTM » aujourd’hui." in confirm
    link.refresh_from_db()
    assert link.end_date is None
    admin_client_.post(url)
    link.refresh_from_db()
    assert link.end_date == timezone.localdate()


def test_a_member_cannot_reach_the_second_step(world: World, member_client: Client) -> None:
    actor = ActorFactory.create(territory=world.territory)
    contact = ContactFactory.create(actor=actor)
    assert (
        member_client.get(reverse("networks:contact_delete", args=[contact.pk])).status_code == 403
    )


def test_an_admin_who_sits_nowhere_is_offered_the_territorys_agendas(world: World) -> None:
    actor = ActorFactory.create(territory=world.territory, name="Syndicat de rivière")
    soon = timezone.now() + timedelta(days=20)
    codir = MeetingFactory.create(
        body=world.body, status=Meeting.Status.AGENDA_OPEN, starts_at=soon
    )
    other_body = BodyFactory.create(territory=world.territory, name="Club des DST")
    club = MeetingFactory.create(
        body=other_body, status=Meeting.Status.PLANNED, starts_at=soon + timedelta(days=5)
    )
    # Not offered: a meeting of another territory, and one already held.
    foreign = MeetingFactory.create(
        body=world.other_body, status=Meeting.Status.AGENDA_OPEN, starts_at=soon
    )
    MeetingFactory.create(body=other_body, status=Meeting.Status.HELD, starts_at=soon)
    page = client_for(world.admin).get(actor.get_absolute_url()).content.decode()
    assert "Inscrire à l’ordre du jour" in page
    for meeting in (codir, club):
        assert reverse("meetings:item_propose", args=[meeting.pk]) + "?titre=" in page
    assert reverse("meetings:item_propose", args=[foreign.pk]) not in page
    # The link leads to a form the admin may use (meetings' own permission check).
    form = client_for(world.admin).get(reverse("meetings:item_propose", args=[club.pk]))
    assert form.status_code == 200
    # A member who does not run the club's meetings is offered only their own body's.
    member_page = client_for(world.member).get(actor.get_absolute_url()).content.decode()
    assert reverse("meetings:item_propose", args=[codir.pk]) in member_page
    assert reverse("meetings:item_propose", args=[club.pk]) not in member_page
