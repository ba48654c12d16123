"""The role table (access/permissions.py) as a table: each role by each action →
allowed or refused, and the refusal says who may do it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from access import permissions as p
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from governance.tests.factories import CharterFactory
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from territories.models import TerritoryMember
from territories.tests.factories import TerritoryFactory, TerritoryMemberFactory

Role = BodyMembership.Role

ROLES = [
    "operator",
    "admin",
    "facilitator",
    "secretary",
    "meeting_facilitator",
    "meeting_secretary",
    "member",
    "presenter",
    "guest",
    "former_member",
    "outsider",
]

# permission → roles allowed (the others are refused). The object is the meeting or its
# item for meeting-level actions, the body otherwise. The secretary runs meetings only
# where the charter says so (tested apart).
TABLE: dict[str, set[str]] = {
    p.IMPORT_TERRITORIES: {"operator"},
    p.MANAGE_TERRITORY: {"operator", "admin"},
    p.MANAGE_BODY: {"operator", "admin"},
    p.VIEW_BODY: {
        "operator",
        "admin",
        "facilitator",
        "secretary",
        "member",
        "guest",
        "meeting_facilitator",
        "meeting_secretary",
        "presenter",
    },
    p.PLAN_MEETINGS: {"operator", "admin", "facilitator"},
    p.RUN_MEETING: {"operator", "admin", "facilitator", "meeting_facilitator"},
    p.RECORD_MEETING: {
        "operator",
        "admin",
        "facilitator",
        "meeting_facilitator",
        "meeting_secretary",
    },
    p.CONTRIBUTE: {
        "operator",
        "admin",
        "facilitator",
        "secretary",
        "member",
        "meeting_facilitator",
        "meeting_secretary",
    },
    p.DRAFT_TEXTS: {"operator", "admin", "facilitator"},
    p.MANAGE_FOLLOWUP: {"operator", "admin", "facilitator"},
    p.DRIVE_ELECTION: {"operator", "admin", "facilitator"},
    # Asked about the codir (a body of the first circle): its facilitator keeps the actors.
    p.MANAGE_NETWORKS: {"operator", "admin", "facilitator"},
    # Only those who sit in the body answer its mirror: not the administrators, nor guests.
    p.ANSWER_REFLECTION: {
        "facilitator",
        "secretary",
        "member",
        "meeting_facilitator",
        "meeting_secretary",
    },
    p.RUN_REFLECTION: {"operator", "admin", "facilitator"},
    p.AMEND_MINUTES: {
        "operator",
        "admin",
        "facilitator",
        "secretary",
        "member",
        "meeting_facilitator",
        "meeting_secretary",
    },
    p.SHARE_ON_ITEM: {
        "operator",
        "admin",
        "facilitator",
        "secretary",
        "member",
        "meeting_facilitator",
        "meeting_secretary",
        "presenter",
    },
}
MEETING_LEVEL = {p.RUN_MEETING, p.RECORD_MEETING, p.AMEND_MINUTES}
ITEM_LEVEL = {p.SHARE_ON_ITEM}


@pytest.fixture
def table_world(db):
    territory = TerritoryFactory()
    body = BodyFactory(territory=territory)
    people = {role: PersonFactory(is_staff=role == "operator") for role in ROLES}
    TerritoryMemberFactory(
        territory=territory, person=people["admin"], role=TerritoryMember.Role.ADMIN
    )
    seats = {
        "facilitator": Role.FACILITATOR,
        "secretary": Role.SECRETARY,
        "meeting_facilitator": Role.MEMBER,
        "meeting_secretary": Role.MEMBER,
        "member": Role.MEMBER,
        "guest": Role.GUEST,
        "presenter": Role.GUEST,
    }
    for name, role in seats.items():
        TerritoryMemberFactory(territory=territory, person=people[name])
        MembershipFactory(body=body, person=people[name], role=role)
    MembershipFactory(
        body=body,
        person=people["former_member"],
        start_date=date.today() - timedelta(days=400),
        end_date=date.today() - timedelta(days=30),
    )
    other = TerritoryFactory()
    TerritoryMemberFactory(
        territory=other, person=people["outsider"], role=TerritoryMember.Role.ADMIN
    )
    meeting = MeetingFactory(
        body=body,
        facilitator=people["meeting_facilitator"],
        secretary=people["meeting_secretary"],
    )
    item = AgendaItemFactory(meeting=meeting, presenter=people["presenter"])
    return {"people": people, "body": body, "meeting": meeting, "item": item}


def _target(world, permission):
    if permission in ITEM_LEVEL:
        return world["item"]
    if permission in MEETING_LEVEL:
        return world["meeting"]
    return world["body"]


@pytest.mark.parametrize("permission", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_role_table(table_world, permission, role):
    user = table_world["people"][role]
    expected = role in TABLE[permission]
    assert p.allowed(user, permission, _target(table_world, permission)) is expected


@pytest.mark.parametrize("permission", list(TABLE))
def test_a_refusal_says_who_may_act(table_world, permission):
    user = table_world["people"]["former_member"]
    with pytest.raises(PermissionDenied) as refused:
        p.require(user, permission, _target(table_world, permission))
    assert str(refused.value) == str(p.RULES[permission][1])


# Who each refusal names, as the person refused reads it.
REFUSAL_NAMES = {
    p.IMPORT_TERRITORIES: "l'opérateur",
    p.MANAGE_TERRITORY: "administrateurs du territoire",
    p.MANAGE_BODY: "administrateurs du territoire",
    p.PLAN_MEETINGS: "animateur·rice",
    p.RUN_MEETING: "animateur·rice de la réunion",
    p.RECORD_MEETING: "secrétaire de séance",
    p.CONTRIBUTE: "membres de l'instance",
    p.SHARE_ON_ITEM: "la personne qui présente le point",
    p.DRAFT_TEXTS: "animateur·rice",
    p.MANAGE_FOLLOWUP: "qui l'anime",
    p.DRIVE_ELECTION: "animateur·rice",
    p.MANAGE_NETWORKS: "administrateurs du territoire",
    p.ANSWER_REFLECTION: "membres de l’instance",
    p.RUN_REFLECTION: "animateur·rice",
}


@pytest.mark.parametrize("permission", list(REFUSAL_NAMES))
def test_each_refusal_names_who_may_act(permission):
    assert REFUSAL_NAMES[permission] in str(p.RULES[permission][1])


def test_where_the_charter_says_so_the_secretary_runs_the_meetings(table_world):
    secretary = table_world["people"]["secretary"]
    meeting_secretary = table_world["people"]["meeting_secretary"]
    body, meeting = table_world["body"], table_world["meeting"]
    CharterFactory.create(body=body, version=1)
    assert not p.allowed(secretary, p.PLAN_MEETINGS, body)
    assert not p.allowed(meeting_secretary, p.RUN_MEETING, meeting)
    # The next version of the charter, adopted, says the secretary runs meetings too.
    CharterFactory.create(body=body, version=2, secretary_runs_meetings=True)
    assert p.allowed(secretary, p.PLAN_MEETINGS, body)
    assert p.allowed(secretary, p.RUN_MEETING, meeting)
    assert p.allowed(meeting_secretary, p.RUN_MEETING, meeting)
    assert not p.allowed(meeting_secretary, p.PLAN_MEETINGS, body)
    # A draft saying so changes nothing until it is adopted.
    other = BodyFactory(territory=body.territory)
    MembershipFactory(body=other, person=secretary, role=Role.SECRETARY)
    CharterFactory.create(body=other, version=1, secretary_runs_meetings=True, adopted_on=None)
    assert not p.allowed(secretary, p.PLAN_MEETINGS, other)


def test_owners_edit_their_action_and_proposers_drive_their_proposal(table_world):
    member = table_world["people"]["member"]
    body = table_world["body"]

    class Owned:  # any object of the body with an owner or a proposer
        def __init__(self, **ids):
            self.body = body
            self.__dict__.update(ids)

    assert p.allowed(member, p.EDIT_FOLLOWUP, Owned(owner_id=member.pk))
    assert not p.allowed(member, p.EDIT_FOLLOWUP, Owned(owner_id=None))
    assert p.allowed(member, p.DRIVE_PROPOSAL, Owned(proposer_id=member.pk, item=None))
    assert not p.allowed(member, p.DRIVE_PROPOSAL, Owned(proposer_id=None, item=None))
    facilitator = table_world["people"]["facilitator"]
    assert p.allowed(facilitator, p.DRIVE_PROPOSAL, Owned(proposer_id=None, item=None))
