from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.tests.factories import DecisionFactory
from followup import services
from followup.models import Action, ActionNote, Implementation, Status
from followup.selectors import decision_progress
from followup.tests.factories import ActionFactory
from territories.models import Organisation, Position
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_action_create_keeps_what_was_given(world: World) -> None:
    decision = DecisionFactory.create(body=world.body)
    action = services.action_create(
        body=world.body,
        actor=world.admin,
        decision=decision,
        title="  Rédiger la convention  ",
        owner=world.member,
        organisation=world.commune,
        due_on=timezone.localdate(),
    )
    assert action.title == "Rédiger la convention"
    assert action.status == Status.TODO
    assert action.created_by == world.admin
    assert list(decision.actions.all()) == [action]


def test_action_create_refuses_an_organisation_of_another_territory(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.action_create(
            body=world.body, actor=world.admin, title="X", organisation=world.other_commune
        )
    assert "organisation" in error.value.message_dict
    assert not Action.objects.exists()


def test_action_create_refuses_a_decision_of_another_body(world: World) -> None:
    decision = DecisionFactory.create(body=world.other_body)
    with pytest.raises(ValidationError):
        services.action_create(body=world.body, actor=world.admin, title="X", decision=decision)


def test_action_create_refuses_an_empty_title(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.action_create(body=world.body, actor=world.admin, title="   ")
    assert "title" in error.value.message_dict


def test_status_change_writes_the_note_and_the_status_together(world: World) -> None:
    action = ActionFactory.create(body=world.body, owner=world.member)
    note = services.action_status_change(
        action=action, actor=world.member, status=Status.DONE, text="Convention signée."
    )
    action.refresh_from_db()
    assert action.status == Status.DONE
    assert action.done_on == timezone.localdate()
    assert note.status == Status.DONE and note.text == "Convention signée."
    assert note.author == world.member


def test_a_note_without_status_change_is_kept_without_status(world: World) -> None:
    action = ActionFactory.create(body=world.body, status=Status.IN_PROGRESS)
    note = services.action_status_change(
        action=action, actor=world.member, status=Status.IN_PROGRESS, text="Avance bien."
    )
    assert note.status == ""
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS


def test_nothing_to_record_is_refused(world: World) -> None:
    action = ActionFactory.create(body=world.body)
    with pytest.raises(ValidationError):
        services.action_status_change(action=action, actor=world.member, status=Status.TODO)
    assert not ActionNote.objects.exists()


def test_blocking_requires_a_note_and_changes_nothing_without_it(world: World) -> None:
    action = ActionFactory.create(body=world.body)
    with pytest.raises(ValidationError):
        services.action_status_change(action=action, actor=world.member, status=Status.BLOCKED)
    action.refresh_from_db()
    assert action.status == Status.TODO
    assert not ActionNote.objects.exists()


def test_reopening_clears_the_done_date(world: World) -> None:
    action = ActionFactory.create(body=world.body)
    services.action_status_change(action=action, actor=world.admin, status=Status.DONE)
    services.action_status_change(
        action=action, actor=world.admin, status=Status.IN_PROGRESS, text="À reprendre."
    )
    action.refresh_from_db()
    assert action.done_on is None
    assert action.notes.count() == 2


def test_action_update_changes_owner_and_due_date(world: World) -> None:
    action = ActionFactory.create(body=world.body)
    due = timezone.localdate() + timedelta(days=9)
    updated = services.action_update(
        action=action,
        actor=world.admin,
        title="Nouveau titre",
        details="Détail",
        owner=world.member,
        organisation=world.epci,
        due_on=due,
    )
    assert (updated.title, updated.owner, updated.organisation, updated.due_on) == (
        "Nouveau titre",
        world.member,
        world.epci,
        due,
    )


def test_rows_are_created_for_member_communes_only_once(world: World) -> None:
    second = OrganisationFactory.create(territory=world.territory, name="Deuxième")
    OrganisationFactory.create(
        territory=world.territory, name="Partie", ended_on=timezone.localdate()
    )
    OrganisationFactory.create(
        territory=world.territory, name="Déléguée", kind=Organisation.Kind.DELEGATED_COMMUNE
    )
    decision = DecisionFactory.create(body=world.body)
    rows = services.implementations_create_for_communes(decision=decision)
    assert {row.organisation for row in rows} == {world.commune, second}
    assert services.implementations_create_for_communes(decision=decision) == []
    assert Implementation.objects.filter(decision=decision).count() == 2


def test_rows_default_to_the_commune_lead_who_sits_in_the_body(world: World) -> None:
    secretary = Position.Function.SECRETARY
    girouard = OrganisationFactory.create(territory=world.territory, name="Le Girouard")
    martinet = OrganisationFactory.create(territory=world.territory, name="Martinet")
    absent = OrganisationFactory.create(territory=world.territory, name="Sans siège")
    guest_only = OrganisationFactory.create(territory=world.territory, name="Invitée")
    # One secretary serves two small communes and sits once, for Martinet.
    amandine = PersonFactory.create(first_name="Amandine")
    seat = PositionFactory.create(person=amandine, organisation=martinet, function=secretary)
    PositionFactory.create(person=amandine, organisation=girouard, function=secretary)
    MembershipFactory.create(body=world.body, person=amandine, position=seat)
    # A DGS who does not sit, and one who is only a guest, carry nothing by default.
    PositionFactory.create(organisation=absent)
    guest = PositionFactory.create(organisation=guest_only)
    MembershipFactory.create(
        body=world.body, person=guest.person, position=guest, role=BodyMembership.Role.GUEST
    )
    # Where a DGS and a secretary both sit, the DGS.
    other = PersonFactory.create()
    MembershipFactory.create(
        body=world.body,
        person=other,
        position=PositionFactory.create(
            person=other, organisation=world.commune, function=secretary
        ),
    )
    decision = DecisionFactory.create(body=world.body)
    rows = services.implementations_create_for_communes(decision=decision)
    owners = {row.organisation.name: row.owner for row in rows}
    assert owners == {
        world.commune.name: world.member,  # the world's member is its DGS
        "Le Girouard": amandine,
        "Martinet": amandine,
        "Sans siège": None,
        "Invitée": None,
    }
    stored = Implementation.objects.get(decision=decision, organisation=girouard)
    assert stored.owner == amandine


def test_rows_refuse_a_commune_that_is_not_a_member(world: World) -> None:
    decision = DecisionFactory.create(body=world.body)
    with pytest.raises(ValidationError):
        services.implementations_create_for_communes(
            decision=decision, communes=[world.other_commune]
        )
    with pytest.raises(ValidationError):
        services.implementations_create_for_communes(decision=decision, communes=[world.epci])
    assert not Implementation.objects.exists()


def test_implementation_update_sets_and_clears_done_date(world: World) -> None:
    decision = DecisionFactory.create(body=world.body)
    (row,) = services.implementations_create_for_communes(decision=decision)
    done = services.implementation_update(
        row=row, actor=world.member, status=Status.DONE, owner=world.member, due_on=None
    )
    assert done.done_on == timezone.localdate()
    reopened = services.implementation_update(
        row=row, actor=world.member, status=Status.TODO, owner=world.member, due_on=None
    )
    assert reopened.done_on is None


def test_progress_counts_done_rows_and_actions_abandoned_aside(world: World) -> None:
    for name in ("B", "C", "D"):
        OrganisationFactory.create(territory=world.territory, name=name)
    decision = DecisionFactory.create(body=world.body)
    rows = services.implementations_create_for_communes(decision=decision)
    statuses = [Status.DONE, Status.DONE, Status.ABANDONED, Status.TODO]
    for row, status in zip(rows, statuses, strict=True):
        services.implementation_update(
            row=row, actor=world.admin, status=status, owner=None, due_on=None
        )
    ActionFactory.create(body=world.body, decision=decision, status=Status.DONE)
    ActionFactory.create(body=world.body, decision=decision, status=Status.BLOCKED)
    progress = decision_progress(decision)
    assert (progress.rows_done, progress.rows) == (2, 3)
    assert (progress.actions_done, progress.actions) == (1, 2)
    assert progress.percent == 60


def test_actions_and_rows_are_audited_in_their_territory(world: World) -> None:
    from auditlog.models import LogEntry

    action = services.action_create(body=world.body, actor=world.admin, title="Auditée")
    services.action_status_change(action=action, actor=world.admin, status=Status.DONE)
    decision = DecisionFactory.create(body=world.body)
    services.implementations_create_for_communes(decision=decision)
    for model in (Action, ActionNote, Implementation):
        entry = LogEntry.objects.get_for_model(model).first()
        assert entry is not None, model
        assert entry.additional_data == {"territory": world.territory.pk}
