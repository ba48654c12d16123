"""The consent engine (decisions/consent, decisions/proposals): turn order, rounds, objections and
amendments, silence never counted as consent, authority enforced on the outcome, vote,
collective opinion, information, who may drive, and the live meeting following."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.consent.outcomes import adoption_blockers, outcome_kind
from decisions.consent.permissions import can_drive
from decisions.consent.rules import next_in_turn, participants, vote_tally, waiting_for
from decisions.models import (
    Amendment,
    Decision,
    Objection,
    Process,
    Proposal,
    ProposalVersion,
    Turn,
)
from decisions.proposals.adoption import proposal_adopt, vote_close
from decisions.proposals.services import (
    Handling,
    Scope,
    opinion_record,
    proposal_advance,
    proposal_create,
    proposal_open,
    proposal_withdraw,
)
from decisions.proposals.turns import (
    amendment_decide,
    amendment_propose,
    objection_withdraw,
    proposal_amend_text,
    turn_record,
)
from decisions.tests.factories import ProposalFactory
from governance.models import Authority, Framework, FrameworkObject
from governance.tests.factories import CharterFactory, FrameworkObjectFactory
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

Phase = Proposal.Phase
Answer = Turn.Answer


@dataclass
class Circle:
    world: World
    ana: Person  # Ana Abel, first by name
    zoe: Person  # Zoé Zidane, last by name
    proposer: Person  # the world's member, Marc Membre

    @property
    def everyone(self) -> list[Person]:
        return [self.ana, self.proposer, self.zoe]


@pytest.fixture
def circle(world: World) -> Circle:
    ana = PersonFactory.create(first_name="Ana", last_name="Abel")
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane")
    MembershipFactory.create(body=world.body, person=ana)
    MembershipFactory.create(body=world.body, person=zoe)
    return Circle(world=world, ana=ana, zoe=zoe, proposer=world.member)


def make_object(world: World, **extra: Any) -> FrameworkObject:
    """An object of an adopted framework of the world's body (Framework's default manager:
    the reverse accessor `objects` of its objects hides `Framework.objects`)."""
    framework = Framework.objects.create(
        body=world.body,
        version=Framework.objects.filter(body=world.body).count() + 1,
        adopted_on=timezone.localdate(),
    )
    return FrameworkObjectFactory.create(framework=framework, **extra)


HANDLING = ("process", "mode", "item", "vote_threshold", "last_speaker")
SCOPE = ("object", "amends", "supersedes", "review_on")


def create(circle: Circle, **extra: Any) -> Proposal:
    """proposal_create with the test's defaults; the handling and scope fields may be
    passed flat."""
    values: dict[str, Any] = {
        "body": circle.world.body,
        "proposer": circle.proposer,
        "title": "Mutualiser les achats",
        "text": "Nous achetons ensemble les fournitures.",
    }
    handling = {name: extra.pop(name) for name in HANDLING if name in extra}
    scope = {name: extra.pop(name) for name in SCOPE if name in extra}
    values.update(extra)
    return proposal_create(**values, handling=Handling(**handling), scope=Scope(**scope))


def to_phase(proposal: Proposal, phase: str, actor: Person) -> Proposal:
    if proposal.phase == Phase.DRAFT:
        proposal_open(proposal=proposal, actor=actor)
    while proposal.phase != phase:
        proposal_advance(proposal=proposal, actor=actor)
    return proposal


def all_answer(proposal: Proposal, people: list[Person], answer: str = Answer.CONSENT) -> None:
    for person in people:
        turn_record(proposal=proposal, person=person, answer=answer, recorded_by=person)


# --- Participants and creation ----------------------------------------------------------


def test_participants_are_members_by_name_guests_excluded(circle: Circle) -> None:
    proposal = create(circle)
    assert participants(proposal) == circle.everyone
    assert circle.world.guest not in participants(proposal)


def test_last_speaker_speaks_last(circle: Circle) -> None:
    proposal = create(circle, last_speaker=circle.ana)
    assert participants(proposal) == [circle.proposer, circle.zoe, circle.ana]


def test_live_participants_follow_recorded_attendance(circle: Circle) -> None:
    meeting = MeetingFactory.create(body=circle.world.body)
    item = AgendaItemFactory.create(meeting=meeting, kind=AgendaItem.Kind.DECISION)
    proposal = create(circle, item=item, mode=Proposal.Mode.LIVE)
    # Convened only: everyone invited, nobody marked yet → the members.
    for person in circle.everyone:
        AttendanceFactory.create(meeting=meeting, person=person, status=Attendance.Status.INVITED)
    assert participants(proposal) == circle.everyone
    Attendance.objects.filter(meeting=meeting, person=circle.zoe).update(
        status=Attendance.Status.EXCUSED
    )
    Attendance.objects.filter(meeting=meeting, person=circle.ana).update(
        status=Attendance.Status.REPRESENTED
    )
    Attendance.objects.filter(meeting=meeting, person=circle.proposer).update(
        status=Attendance.Status.PRESENT
    )
    AttendanceFactory.create(meeting=meeting, person=circle.world.guest)
    assert participants(proposal) == [circle.ana, circle.proposer]


def test_create_keeps_the_first_version(circle: Circle) -> None:
    proposal = create(circle, text="  Texte\r\nsur deux lignes  ")
    assert proposal.phase == Phase.DRAFT
    version = ProposalVersion.objects.get(proposal=proposal)
    assert (version.number, version.text, version.author) == (
        1,
        "Texte\nsur deux lignes",
        circle.proposer,
    )


def test_only_members_or_admins_file_a_proposal(circle: Circle) -> None:
    with pytest.raises(ValidationError):
        create(circle, proposer=circle.world.guest)
    with pytest.raises(ValidationError):
        create(circle, proposer=circle.world.outsider)
    assert create(circle, proposer=circle.world.admin).proposer == circle.world.admin


def test_information_object_allows_only_the_information_process(circle: Circle) -> None:
    info = make_object(circle.world, authority=Authority.INFORMATION)
    with pytest.raises(ValidationError) as refused:
        create(circle, object=info)
    assert info.title in " ".join(refused.value.messages)
    assert create(circle, object=info, process=Process.INFORMATION).object == info


def test_object_of_another_body_is_refused(circle: Circle) -> None:
    framework = Framework.objects.create(body=circle.world.other_body, version=1)
    other = FrameworkObjectFactory.create(framework=framework)
    with pytest.raises(ValidationError):
        create(circle, object=other)


def test_vote_threshold_is_bounded(circle: Circle) -> None:
    with pytest.raises(ValidationError):
        create(circle, process=Process.VOTE, vote_threshold=40)
    with pytest.raises(ValidationError):
        create(circle, process=Process.VOTE, vote_threshold=100)


# --- Driving the phases -------------------------------------------------------------------


def test_consent_phases_in_order(circle: Circle) -> None:
    proposal = create(circle)
    proposal_open(proposal=proposal, actor=circle.proposer)
    seen = [proposal.phase]
    for _ in range(4):
        proposal_advance(proposal=proposal, actor=circle.proposer)
        seen.append(proposal.phase)
    assert seen == [
        Phase.PRESENTATION,
        Phase.CLARIFYING,
        Phase.REACTIONS,
        Phase.AMENDMENT,
        Phase.OBJECTIONS,
    ]
    proposal.refresh_from_db()
    assert proposal.phase == Phase.OBJECTIONS


def test_async_rounds_get_a_deadline(circle: Circle) -> None:
    proposal = create(circle)
    proposal_open(proposal=proposal, actor=circle.proposer)
    assert proposal.deadline is None  # the presentation has no round
    proposal_advance(proposal=proposal, actor=circle.proposer)
    assert proposal.deadline is not None
    assert proposal.deadline > timezone.now() + timedelta(days=6)
    chosen = timezone.now() + timedelta(days=2)
    proposal_advance(proposal=proposal, actor=circle.proposer, deadline=chosen)
    assert proposal.deadline == chosen
    with pytest.raises(ValidationError):
        proposal_advance(
            proposal=proposal, actor=circle.proposer, deadline=timezone.now() - timedelta(hours=1)
        )


def test_open_at_the_objections_round(circle: Circle) -> None:
    proposal = create(circle)
    proposal_open(proposal=proposal, actor=circle.proposer, start_phase=Phase.OBJECTIONS)
    assert proposal.phase == Phase.OBJECTIONS
    with pytest.raises(ValidationError):
        proposal_open(proposal=create(circle), actor=circle.proposer, start_phase="voting")


def test_who_may_drive(circle: Circle) -> None:
    proposal = create(circle)
    with pytest.raises(ValidationError):
        proposal_open(proposal=proposal, actor=circle.ana)
    facilitator = PersonFactory.create()
    MembershipFactory.create(
        body=circle.world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR
    )
    assert can_drive(facilitator, proposal)
    assert can_drive(circle.world.admin, proposal)
    assert not can_drive(circle.world.guest, proposal)
    meeting = MeetingFactory.create(body=circle.world.body, facilitator=circle.zoe)
    live = create(circle, item=AgendaItemFactory.create(meeting=meeting), mode=Proposal.Mode.LIVE)
    assert can_drive(circle.zoe, live)
    assert not can_drive(circle.zoe, proposal)
    proposal_open(proposal=proposal, actor=circle.world.admin)
    assert proposal.phase == Phase.PRESENTATION


# --- Turns --------------------------------------------------------------------------------


def test_turns_show_who_has_answered(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.CLARIFYING, circle.proposer)
    assert waiting_for(proposal) == circle.everyone
    turn_record(
        proposal=proposal,
        person=circle.zoe,
        answer=Answer.SPOKE,
        text="Quel budget ?",
        recorded_by=circle.zoe,
    )
    assert waiting_for(proposal) == [circle.ana, circle.proposer]
    assert next_in_turn(proposal) == circle.ana


def test_one_turn_per_round(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.REACTIONS, circle.proposer)
    turn_record(proposal=proposal, person=circle.ana, answer=Answer.PASSED, recorded_by=circle.ana)
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.ana, answer=Answer.PASSED, recorded_by=circle.ana
        )


def test_async_spoken_turn_needs_its_text(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.CLARIFYING, circle.proposer)
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.ana, answer=Answer.SPOKE, recorded_by=circle.ana
        )


def test_answers_fit_the_phase(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.CLARIFYING, circle.proposer)
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.ana, answer=Answer.CONSENT, recorded_by=circle.ana
        )
    proposal_advance(proposal=proposal, actor=circle.proposer)
    proposal_advance(proposal=proposal, actor=circle.proposer)
    assert proposal.phase == Phase.AMENDMENT
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.ana, answer=Answer.PASSED, recorded_by=circle.ana
        )


def test_guests_follow_without_a_turn(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal,
            person=circle.world.guest,
            answer=Answer.CONSENT,
            recorded_by=circle.world.guest,
        )


def test_nobody_answers_for_someone_else_asynchronously(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.ana, answer=Answer.CONSENT, recorded_by=circle.proposer
        )


def test_live_driver_records_for_whose_turn_it_is(circle: Circle) -> None:
    item = AgendaItemFactory.create(meeting=MeetingFactory.create(body=circle.world.body))
    proposal = to_phase(
        create(circle, item=item, mode=Proposal.Mode.LIVE), Phase.OBJECTIONS, circle.proposer
    )
    with pytest.raises(ValidationError) as refused:
        turn_record(
            proposal=proposal, person=circle.zoe, answer=Answer.CONSENT, recorded_by=circle.proposer
        )
    assert "Zidane" in " ".join(refused.value.messages)
    turn = turn_record(
        proposal=proposal, person=circle.ana, answer=Answer.CONSENT, recorded_by=circle.proposer
    )
    assert turn.recorded_by == circle.proposer
    assert next_in_turn(proposal) == circle.proposer
    # A follower may not record for someone else, even live.
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.proposer, answer=Answer.CONSENT, recorded_by=circle.zoe
        )


def test_objection_needs_its_reasoning_and_is_recorded(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    with pytest.raises(ValidationError):
        turn_record(
            proposal=proposal, person=circle.ana, answer=Answer.OBJECTION, recorded_by=circle.ana
        )
    turn_record(
        proposal=proposal,
        person=circle.ana,
        answer=Answer.OBJECTION,
        text="Les petites communes perdent leurs fournisseurs locaux.",
        recorded_by=circle.ana,
    )
    objection = Objection.objects.get(proposal=proposal)
    assert (objection.author, objection.status, objection.round_number) == (
        circle.ana,
        Objection.Status.OPEN,
        1,
    )
    assert "fournisseurs locaux" in objection.reasoning


# --- Adoption ------------------------------------------------------------------------------


def test_silence_is_never_consent(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    all_answer(proposal, [circle.ana, circle.proposer])
    with pytest.raises(ValidationError) as refused:
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert "Zoé Zidane" in " ".join(refused.value.messages)
    # A passed deadline adopts nothing either.
    Proposal.objects.filter(pk=proposal.pk).update(deadline=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert not Decision.objects.exists()


def test_an_open_objection_blocks_adoption(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    all_answer(proposal, [circle.ana, circle.proposer])
    turn_record(
        proposal=proposal,
        person=circle.zoe,
        answer=Answer.OBJECTION,
        text="Trop tôt.",
        recorded_by=circle.zoe,
    )
    with pytest.raises(ValidationError) as refused:
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert "objection" in " ".join(refused.value.messages)
    assert proposal.phase == Phase.OBJECTIONS
    assert not Decision.objects.exists()


def test_objection_integrated_by_amendment_then_adopted(circle: Circle) -> None:
    obj = make_object(circle.world, authority=Authority.DECISION)
    proposal = to_phase(create(circle, object=obj), Phase.OBJECTIONS, circle.proposer)
    all_answer(proposal, [circle.ana, circle.proposer])
    turn_record(
        proposal=proposal,
        person=circle.zoe,
        answer=Answer.OBJECTION,
        text="Les fournisseurs locaux disparaissent.",
        recorded_by=circle.zoe,
    )
    objection = Objection.objects.get()
    # The text is frozen during the objections round: amend at the integration.
    amendment = amendment_propose(
        proposal=proposal,
        author=circle.zoe,
        text="Nous achetons ensemble les fournitures, avec un lot réservé aux fournisseurs locaux.",
        reason="Garder les fournisseurs locaux.",
        responds_to=objection,
    )
    with pytest.raises(ValidationError):
        amendment_decide(amendment=amendment, actor=circle.proposer, integrate=True)
    proposal_advance(proposal=proposal, actor=circle.proposer)
    assert proposal.phase == Phase.INTEGRATION
    with pytest.raises(ValidationError):  # the objection is still open
        proposal_advance(proposal=proposal, actor=circle.proposer)
    with pytest.raises(ValidationError):  # only the driver integrates
        amendment_decide(amendment=amendment, actor=circle.zoe, integrate=True)
    amendment_decide(
        amendment=amendment, actor=circle.proposer, integrate=True, response="Bonne idée."
    )
    objection.refresh_from_db()
    proposal.refresh_from_db()
    assert objection.status == Objection.Status.INTEGRATED
    assert objection.resolved_by == amendment
    assert "lot réservé" in proposal.text
    assert list(proposal.versions.values_list("number", "amendment")) == [
        (1, None),
        (2, amendment.pk),
    ]
    proposal_advance(proposal=proposal, actor=circle.proposer)
    assert (proposal.phase, proposal.round_number) == (Phase.OBJECTIONS, 2)
    # Consents of round 1 do not count in round 2.
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    all_answer(proposal, circle.everyone)
    review = date(2027, 6, 1)
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer, review_on=review)
    proposal.refresh_from_db()
    assert proposal.phase == Phase.ADOPTED
    assert decision.kind == Decision.Kind.DECISION
    assert decision.text == proposal.text
    assert decision.review_on == review
    assert decision.proposal == proposal
    assert set(decision.participants.all()) == set(circle.everyone)
    assert decision.recorded_by == circle.proposer
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=circle.proposer)


def test_withdrawn_objection_counts_as_consent(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    all_answer(proposal, [circle.ana, circle.proposer])
    turn_record(
        proposal=proposal,
        person=circle.zoe,
        answer=Answer.OBJECTION,
        text="Un doute.",
        recorded_by=circle.zoe,
    )
    objection = Objection.objects.get()
    with pytest.raises(ValidationError):
        objection_withdraw(objection=objection, person=circle.ana)
    objection_withdraw(objection=objection, person=circle.zoe, note="Levé en échangeant.")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        objection_withdraw(objection=objection, person=circle.zoe)
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer, decided_on=date(2026, 3, 2))
    assert decision.decided_on == date(2026, 3, 2)
    assert decision.reference == "2026-001"


def test_declining_an_amendment_says_why(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.AMENDMENT, circle.proposer)
    amendment = amendment_propose(
        proposal=proposal, author=circle.ana, text="Autre texte.", reason="Plus court."
    )
    assert amendment.base_version == 1
    with pytest.raises(ValidationError):
        amendment_decide(amendment=amendment, actor=circle.proposer, integrate=False)
    amendment_decide(
        amendment=amendment, actor=circle.proposer, integrate=False, response="Trop vague."
    )
    amendment.refresh_from_db()
    proposal.refresh_from_db()
    assert (amendment.status, amendment.response) == (Amendment.Status.DECLINED, "Trop vague.")
    assert proposal.text == "Nous achetons ensemble les fournitures."
    with pytest.raises(ValidationError):
        amendment_decide(amendment=amendment, actor=circle.proposer, integrate=True)


def test_amendment_rules(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.AMENDMENT, circle.proposer)
    with pytest.raises(ValidationError):  # guests follow
        amendment_propose(
            proposal=proposal, author=circle.world.guest, text="Autre.", reason="Parce que."
        )
    with pytest.raises(ValidationError):  # same text
        amendment_propose(proposal=proposal, author=circle.ana, text=proposal.text, reason="Rien.")
    with pytest.raises(ValidationError):  # no reason
        amendment_propose(proposal=proposal, author=circle.ana, text="Autre.", reason="")
    stale = amendment_propose(proposal=proposal, author=circle.ana, text="Version A.", reason="A.")
    proposal_amend_text(
        proposal=proposal, actor=circle.proposer, text="Version B.", reason="Précision."
    )
    with pytest.raises(ValidationError):  # written on version 1, the text is at version 2
        amendment_decide(amendment=stale, actor=circle.proposer, integrate=True)


def test_proposer_amends_in_the_amendment_phase_only(circle: Circle) -> None:
    proposal = create(circle)
    proposal_amend_text(proposal=proposal, actor=circle.proposer, text="Brouillon revu.", reason="")
    proposal_open(proposal=proposal, actor=circle.proposer)
    with pytest.raises(ValidationError):
        proposal_amend_text(
            proposal=proposal, actor=circle.proposer, text="Autre.", reason="Parce que."
        )
    to_phase(proposal, Phase.AMENDMENT, circle.proposer)
    with pytest.raises(ValidationError):  # a reason once open
        proposal_amend_text(proposal=proposal, actor=circle.proposer, text="Autre.", reason="")
    version = proposal_amend_text(
        proposal=proposal, actor=circle.proposer, text="Texte amendé.", reason="Les réactions."
    )
    assert version.number == 3
    assert version.reason == "Les réactions."
    assert Amendment.objects.get().status == Amendment.Status.INTEGRATED
    proposal.refresh_from_db()
    assert proposal.text == "Texte amendé."


def test_withdraw(circle: Circle) -> None:
    proposal = to_phase(create(circle), Phase.CLARIFYING, circle.proposer)
    with pytest.raises(ValidationError):
        proposal_withdraw(proposal=proposal, actor=circle.ana)
    proposal_withdraw(proposal=proposal, actor=circle.proposer)
    assert proposal.phase == Phase.WITHDRAWN
    with pytest.raises(ValidationError):
        proposal_advance(proposal=proposal, actor=circle.proposer)
    with pytest.raises(ValidationError):
        proposal_withdraw(proposal=proposal, actor=circle.proposer)


# --- Authority -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authority", "kind"),
    [
        (Authority.OPINION, Decision.Kind.OPINION),
        (Authority.PROPOSAL, Decision.Kind.PROPOSAL),
        (Authority.DECISION, Decision.Kind.DECISION),
    ],
)
def test_authority_rules_the_outcome(circle: Circle, authority: str, kind: str) -> None:
    obj = make_object(circle.world, title="Voirie et travaux", authority=authority)
    proposal = to_phase(create(circle, object=obj), Phase.OBJECTIONS, circle.proposer)
    all_answer(proposal, circle.everyone)
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert decision.kind == kind
    assert decision.object == obj
    assert "Voirie et travaux" in decision.authority_note


def test_on_an_opinion_object_the_outcome_is_never_a_decision(circle: Circle) -> None:
    obj = make_object(circle.world, title="Pacte de gouvernance", authority=Authority.OPINION)
    proposal = create(circle, object=obj)
    kind, why = outcome_kind(proposal)
    assert kind == Decision.Kind.OPINION
    assert "Pacte de gouvernance" in why and "jamais une décision" in why


def test_without_object_the_body_decides_only_on_its_own_functioning(circle: Circle) -> None:
    charter = CharterFactory.create(body=circle.world.body, adopted_on=None)
    kind, why = outcome_kind(create(circle, subject=charter))
    assert kind == Decision.Kind.DECISION
    assert "fonctionnement" in why
    framework = FrameworkObjectFactory.create(
        framework__body=circle.world.body, framework__adopted_on=None
    ).framework
    assert outcome_kind(create(circle, subject=framework))[0] == Decision.Kind.DECISION


def test_without_object_nor_framework_a_substantive_proposal_is_an_opinion(
    circle: Circle,
) -> None:
    """Before the fix an objectless proposal was recorded as a décision, whatever its
    subject: the authority the framework gives was bypassed."""
    proposal = to_phase(create(circle), Phase.OBJECTIONS, circle.proposer)
    kind, why = outcome_kind(proposal)
    assert kind == Decision.Kind.OPINION
    assert "pas encore adopté de cadre de référence" in why
    all_answer(proposal, circle.everyone)
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert decision.kind == Decision.Kind.OPINION
    assert "pas encore adopté de cadre de référence" in decision.authority_note


def test_an_adopted_framework_requires_an_object(circle: Circle) -> None:
    obj = make_object(circle.world, authority=Authority.DECISION)
    with pytest.raises(ValidationError) as refused:
        create(circle)
    assert "object" in refused.value.message_dict
    assert create(circle, object=obj).object == obj
    # The body's own functioning and mere information need no object.
    assert create(circle, subject=CharterFactory.create(body=circle.world.body, adopted_on=None)).pk
    assert create(circle, process=Process.INFORMATION).pk


def test_the_object_belongs_to_the_current_adopted_version(circle: Circle) -> None:
    old = make_object(circle.world, title="Ancien", authority=Authority.DECISION)
    current = make_object(circle.world, title="Actuel", authority=Authority.DECISION)
    draft = Framework.objects.create(body=circle.world.body, version=3)
    in_draft = FrameworkObjectFactory.create(framework=draft, authority=Authority.DECISION)
    for obj in (old, in_draft):
        with pytest.raises(ValidationError) as refused:
            create(circle, object=obj)
        assert "version en vigueur" in " ".join(refused.value.message_dict["object"])
    assert create(circle, object=current).object == current


def test_an_objectless_proposal_under_a_framework_is_never_a_decision(circle: Circle) -> None:
    make_object(circle.world, authority=Authority.DECISION)
    # Written straight into the table: the service asks for an object.
    proposal = ProposalFactory.create(body=circle.world.body, proposer=circle.proposer)
    assert outcome_kind(proposal)[0] == Decision.Kind.OPINION


# --- Vote, opinion, information ------------------------------------------------------------


def test_vote_threshold_and_silence(circle: Circle) -> None:
    extra = [PersonFactory.create(last_name=f"Votant{i}") for i in range(3)]
    for person in extra:
        MembershipFactory.create(body=circle.world.body, person=person)
    proposal = to_phase(
        create(circle, process=Process.VOTE, vote_threshold=66), Phase.VOTING, circle.proposer
    )
    # 2 for, 1 against, 1 abstains, 2 silent: 200 > 66 * 3 → adopted, once the deadline
    # of the asynchronous vote has passed (silence is then not counted).
    all_answer(proposal, [circle.ana, circle.zoe], Answer.FOR)
    all_answer(proposal, [extra[0]], Answer.AGAINST)
    all_answer(proposal, [extra[1]], Answer.ABSTAIN)
    tally = vote_tally(proposal)
    assert (tally.for_, tally.against, tally.abstain, tally.adopted) == (2, 1, 1, True)
    with pytest.raises(ValidationError):
        vote_close(proposal=proposal, actor=circle.proposer)
    past_deadline(proposal)
    assert adoption_blockers(proposal) == []
    decision = vote_close(proposal=proposal, actor=circle.proposer)
    assert decision is not None and decision.process == Process.VOTE


def test_vote_rejected_below_threshold(circle: Circle) -> None:
    proposal = to_phase(
        create(circle, process=Process.VOTE, vote_threshold=50), Phase.VOTING, circle.proposer
    )
    all_answer(proposal, [circle.ana], Answer.FOR)
    all_answer(proposal, [circle.zoe], Answer.AGAINST)  # 100 > 100 is false: a tie fails
    all_answer(proposal, [circle.proposer], Answer.ABSTAIN)
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert vote_close(proposal=proposal, actor=circle.proposer) is None
    proposal.refresh_from_db()
    assert proposal.phase == Phase.REJECTED
    assert not Decision.objects.exists()


def test_collective_opinion(circle: Circle) -> None:
    proposal = to_phase(create(circle, process=Process.OPINION), Phase.OPINIONS, circle.proposer)
    turn_record(
        proposal=proposal,
        person=circle.ana,
        answer=Answer.SPOKE,
        text="Favorable.",
        recorded_by=circle.ana,
    )
    with pytest.raises(ValidationError):  # the opinion is not written yet
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    with pytest.raises(ValidationError):
        opinion_record(proposal=proposal, actor=circle.ana, text="Avis.")
    opinion_record(proposal=proposal, actor=circle.proposer, text="L’instance est favorable.")
    # The others have not spoken, and the deadline is still ahead.
    with pytest.raises(ValidationError) as refused:
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert "Membre" in " ".join(refused.value.messages)
    past_deadline(proposal)
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert (decision.kind, decision.text) == (Decision.Kind.OPINION, "L’instance est favorable.")
    assert list(decision.participants.all()) == [circle.ana]


def past_deadline(proposal: Proposal) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(deadline=timezone.now() - timedelta(hours=1))
    proposal.refresh_from_db()


def test_a_vote_is_not_closed_after_a_single_vote(circle: Circle) -> None:
    proposal = to_phase(create(circle, process=Process.VOTE), Phase.VOTING, circle.proposer)
    all_answer(proposal, [circle.ana], Answer.FOR)
    blockers = adoption_blockers(proposal)
    assert blockers and "Abel" not in blockers[0] and "Zidane" in blockers[0]
    with pytest.raises(ValidationError):
        vote_close(proposal=proposal, actor=circle.proposer)
    proposal.refresh_from_db()
    assert proposal.phase == Phase.VOTING and not Decision.objects.exists()
    all_answer(proposal, [circle.proposer, circle.zoe], Answer.FOR)
    assert vote_close(proposal=proposal, actor=circle.proposer) is not None


def test_an_opinion_is_not_adopted_when_nobody_spoke(circle: Circle) -> None:
    proposal = to_phase(create(circle, process=Process.OPINION), Phase.OPINIONS, circle.proposer)
    opinion_record(proposal=proposal, actor=circle.proposer, text="Favorable.")
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=circle.proposer)
    past_deadline(proposal)  # even after the deadline, somebody must have spoken
    assert adoption_blockers(proposal) == ["Personne n’a répondu à ce tour."]
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=circle.proposer)


def test_a_live_vote_waits_for_everyone_even_late(circle: Circle) -> None:
    item = AgendaItemFactory.create(meeting=MeetingFactory.create(body=circle.world.body))
    proposal = to_phase(
        create(circle, process=Process.VOTE, item=item, mode=Proposal.Mode.LIVE),
        Phase.VOTING,
        circle.proposer,
    )
    all_answer(proposal, [circle.ana], Answer.FOR)
    past_deadline(proposal)  # a deadline means nothing live
    with pytest.raises(ValidationError):
        vote_close(proposal=proposal, actor=circle.proposer)


def test_information(circle: Circle) -> None:
    proposal = create(circle, process=Process.INFORMATION)
    proposal_open(proposal=proposal, actor=circle.proposer)
    with pytest.raises(ValidationError):
        proposal_advance(proposal=proposal, actor=circle.proposer)
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert decision.kind == Decision.Kind.INFORMATION


# --- Live ----------------------------------------------------------------------------------


def test_live_writes_bump_the_meeting(circle: Circle) -> None:
    meeting = MeetingFactory.create(body=circle.world.body, status=Meeting.Status.IN_PROGRESS)
    item = AgendaItemFactory.create(meeting=meeting, kind=AgendaItem.Kind.DECISION)
    proposal = create(circle, item=item, mode=Proposal.Mode.LIVE)
    versions = [Meeting.objects.get(pk=meeting.pk).live_version]
    proposal_open(proposal=proposal, actor=circle.proposer)
    versions.append(Meeting.objects.get(pk=meeting.pk).live_version)
    to_phase(proposal, Phase.OBJECTIONS, circle.proposer)
    versions.append(Meeting.objects.get(pk=meeting.pk).live_version)
    turn_record(
        proposal=proposal, person=circle.ana, answer=Answer.CONSENT, recorded_by=circle.proposer
    )
    versions.append(Meeting.objects.get(pk=meeting.pk).live_version)
    assert versions == sorted(set(versions))
    all_answer(proposal, [circle.proposer, circle.zoe])
    decision = proposal_adopt(proposal=proposal, actor=circle.proposer)
    assert (decision.meeting, decision.item) == (meeting, item)
    assert Meeting.objects.get(pk=meeting.pk).live_version > versions[-1]


# --- Turn order, fixed subjects, live links (review fixes) --------------------------------


def test_the_last_speaker_answers_after_everyone_else_asynchronously(circle: Circle) -> None:
    proposal = to_phase(create(circle, last_speaker=circle.ana), Phase.OBJECTIONS, circle.proposer)
    with pytest.raises(ValidationError) as refused:
        all_answer(proposal, [circle.ana])
    assert "en dernier" in " ".join(refused.value.messages)
    all_answer(proposal, [circle.zoe])  # free order otherwise
    with pytest.raises(ValidationError):
        all_answer(proposal, [circle.ana])
    all_answer(proposal, [circle.proposer, circle.ana])
    assert waiting_for(proposal) == []


def test_live_a_member_answers_only_in_turn(circle: Circle) -> None:
    item = AgendaItemFactory.create(meeting=MeetingFactory.create(body=circle.world.body))
    proposal = to_phase(
        create(circle, item=item, mode=Proposal.Mode.LIVE), Phase.OBJECTIONS, circle.proposer
    )
    with pytest.raises(ValidationError) as refused:
        all_answer(proposal, [circle.zoe])  # for herself, before Ana and Marc
    assert "Abel" in " ".join(refused.value.messages)
    all_answer(proposal, [circle.ana, circle.proposer, circle.zoe])
    assert not Turn.objects.filter(person=circle.zoe, round_number=1).count() > 1


@pytest.fixture
def charter_proposal(circle: Circle) -> Proposal:
    return create(circle, subject=CharterFactory.create(body=circle.world.body, adopted_on=None))


def test_the_text_of_a_charter_proposal_is_not_amended(
    circle: Circle, charter_proposal: Proposal
) -> None:
    with pytest.raises(ValidationError) as refused:
        proposal_amend_text(
            proposal=charter_proposal, actor=circle.proposer, text="Autre.", reason="Mieux."
        )
    assert "Retirez-la" in " ".join(refused.value.messages)
    to_phase(charter_proposal, Phase.AMENDMENT, circle.proposer)
    for call in (
        lambda: proposal_amend_text(
            proposal=charter_proposal, actor=circle.proposer, text="Autre.", reason="Mieux."
        ),
        lambda: amendment_propose(
            proposal=charter_proposal, author=circle.ana, text="Autre.", reason="Mieux."
        ),
    ):
        with pytest.raises(ValidationError):
            call()
    assert ProposalVersion.objects.filter(proposal=charter_proposal).count() == 1


def test_an_amendment_written_before_is_not_integrated_on_a_framework(circle: Circle) -> None:
    framework = FrameworkObjectFactory.create(
        framework__body=circle.world.body, framework__adopted_on=None
    ).framework
    proposal = to_phase(create(circle, subject=framework), Phase.AMENDMENT, circle.proposer)
    # An amendment that predates the rule (or written straight into the table).
    amendment = Amendment.objects.create(
        proposal=proposal, author=circle.ana, base_version=1, text="Autre.", reason="Mieux."
    )
    with pytest.raises(ValidationError):
        amendment_decide(amendment=amendment, actor=circle.proposer, integrate=True)
    amendment_decide(
        amendment=amendment, actor=circle.proposer, integrate=False, response="Hors sujet."
    )
    proposal.refresh_from_db()
    assert proposal.text == "Nous achetons ensemble les fournitures."


def test_live_needs_an_item_of_the_body(circle: Circle) -> None:
    with pytest.raises(ValidationError) as refused:
        create(circle, mode=Proposal.Mode.LIVE)
    assert "item" in refused.value.message_dict
    other = AgendaItemFactory.create(meeting=MeetingFactory.create(body=circle.world.other_body))
    with pytest.raises(ValidationError) as refused:
        create(circle, mode=Proposal.Mode.LIVE, item=other)
    assert "item" in refused.value.message_dict


def test_the_pages_read_the_phase_rules_from_the_proposal(circle: Circle) -> None:
    """The templates ask the proposal (concludes_now, proposer_may_change_text...)
    rather than compare phase names."""
    proposal = create(circle)
    assert proposal.is_draft and proposal.proposer_may_change_text
    assert not (proposal.is_open or proposal.concludes_now)
    to_phase(proposal, Phase.AMENDMENT, circle.proposer)
    assert proposal.proposer_may_change_text and not proposal.concludes_now
    to_phase(proposal, Phase.OBJECTIONS, circle.proposer)
    assert proposal.concludes_now and not proposal.proposer_may_change_text
    consent_withdrawn = proposal_withdraw(proposal=proposal, actor=circle.proposer)
    assert consent_withdrawn.is_withdrawn and consent_withdrawn.is_closed
    assert not consent_withdrawn.concludes_now
    information = create(circle, process=Process.INFORMATION)
    proposal_open(proposal=information, actor=circle.proposer)
    assert information.concludes_now and not information.is_vote
    vote = create(circle, process=Process.VOTE)
    assert vote.is_vote and not vote.awaits_opinion_text
