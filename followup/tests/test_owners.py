"""Who may own an action or a commune's row: only people who see the body, since the
follow-up is only shown in the bodies one sees (an owner who could not open their action
would still be mailed its title)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.tests.factories import DecisionFactory
from followup import services
from followup.models import Action, Implementation, Status
from followup.reminders import reminders_due, send_reminder_mail
from followup.selectors import board_people, may_own
from followup.tasks import reminders_send
from followup.tests.factories import ActionFactory, ImplementationFactory
from territories.tests.factories import PositionFactory

pytestmark = pytest.mark.django_db

OWNER_ERROR = (
    "Choisissez un responsable qui voit l'instance : l'un de ses membres ou invités, "
    "ou un administrateur du territoire."
)


def _works_in_territory(world: World) -> Person:
    """Holds a function in a commune of the territory, but does not sit in the body."""
    person = PersonFactory.create(first_name="Paul", last_name="Poste")
    PositionFactory.create(person=person, organisation=world.commune)
    return person


def _former_member(world: World) -> Person:
    person = PersonFactory.create(first_name="Fanny", last_name="Partie")
    today = timezone.localdate()
    MembershipFactory.create(
        body=world.body,
        person=person,
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=1),
    )
    return person


def _row(world: World) -> Implementation:
    decision = DecisionFactory.create(body=world.body)
    return ImplementationFactory.create(decision=decision, organisation=world.commune)


def test_owner_choices_are_the_people_who_see_the_body(world: World) -> None:
    staff = PersonFactory.create(is_staff=True)
    inactive = PersonFactory.create(is_active=False)
    MembershipFactory.create(body=world.body, person=inactive)
    outsiders = [
        _works_in_territory(world),
        _former_member(world),
        world.outsider,
        world.lone_person,
        staff,
        inactive,
    ]
    people = list(board_people(world.body))
    assert people == [world.admin, world.guest, world.member]  # by last name
    assert not set(people) & set(outsiders)
    # Everyone offered can open the body's follow-up.
    assert all(may_own(person, world.body) for person in people)
    assert not may_own(outsiders[0], world.body) and not may_own(outsiders[1], world.body)


def test_action_create_refuses_an_owner_who_does_not_see_the_body(world: World) -> None:
    stranger = _works_in_territory(world)
    with pytest.raises(ValidationError) as error:
        services.action_create(body=world.body, actor=world.admin, title="X", owner=stranger)
    assert error.value.message_dict == {"owner": [OWNER_ERROR]}
    assert not Action.objects.exists()


@pytest.mark.parametrize("who", ["member", "guest", "admin"])
def test_action_create_accepts_members_guests_and_administrators(world: World, who: str) -> None:
    owner = getattr(world, who)
    action = services.action_create(body=world.body, actor=world.admin, title="X", owner=owner)
    assert action.owner == owner


def test_action_update_refuses_an_owner_who_left_the_body(world: World) -> None:
    action = ActionFactory.create(body=world.body, title="Avant", owner=world.member)
    with pytest.raises(ValidationError) as error:
        services.action_update(
            action=action,
            actor=world.admin,
            title="Après",
            details="",
            owner=_former_member(world),
            organisation=None,
            due_on=None,
        )
    assert error.value.message_dict == {"owner": [OWNER_ERROR]}
    action.refresh_from_db()
    assert (action.title, action.owner) == ("Avant", world.member)


def test_implementation_update_refuses_an_owner_who_does_not_see_the_body(world: World) -> None:
    row = _row(world)
    with pytest.raises(ValidationError) as error:
        services.implementation_update(
            row=row,
            actor=world.admin,
            status=Status.DONE,
            owner=_works_in_territory(world),
            due_on=None,
        )
    assert error.value.message_dict == {"owner": [OWNER_ERROR]}
    row.refresh_from_db()
    assert (row.status, row.owner) == (Status.TODO, None)


def test_implementation_update_accepts_a_member(world: World) -> None:
    row = services.implementation_update(
        row=_row(world), actor=world.admin, status=Status.TODO, owner=world.member, due_on=None
    )
    assert row.owner == world.member


def test_the_forms_do_not_offer_people_outside_the_body(world: World) -> None:
    stranger = _works_in_territory(world)
    client = client_for(world.admin)
    response = client.get(reverse("followup:body_action_create", args=[world.body.pk]))
    assert list(response.context["form"].fields["owner"].queryset) == [
        world.admin,
        world.guest,
        world.member,
    ]
    response = client.post(
        reverse("followup:body_action_create", args=[world.body.pk]),
        {"title": "Relancer", "owner": stranger.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["owner"] == ["Choisissez une personne dans la liste."]
    assert not Action.objects.exists()
    row = _row(world)
    response = client.post(
        reverse("followup:implementation", args=[row.pk]),
        {"status": Status.DONE, "owner": stranger.pk},
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.status, row.owner) == (Status.TODO, None)


def test_reminders_skip_owners_who_no_longer_see_the_body(world: World) -> None:
    """Data from before the rule, or an owner whose seat ended since: not mailed."""
    today = timezone.localdate()
    gone = _former_member(world)
    stranger = _works_in_territory(world)
    ActionFactory.create(body=world.body, title="Secret", owner=gone, due_on=today)
    row = _row(world)
    row.owner, row.due_on = stranger, today
    row.save()
    ActionFactory.create(body=world.body, title="Visible", owner=world.guest, due_on=today)
    assert [r.person for r in reminders_due(today)] == [world.guest]
    assert reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[world.guest.email]]
    assert "Secret" not in mail.outbox[0].body


def test_a_queued_reminder_is_not_sent_once_the_owner_left(world: World) -> None:
    today = timezone.localdate()
    action = ActionFactory.create(body=world.body, owner=world.member, due_on=today)
    world.member_seat.start_date = today - timedelta(days=30)
    world.member_seat.end_date = today - timedelta(days=1)
    world.member_seat.save()
    sent = send_reminder_mail(
        person_id=world.member.pk, action_ids=[action.pk], row_ids=[], today=today
    )
    assert sent == 0 and mail.outbox == []
