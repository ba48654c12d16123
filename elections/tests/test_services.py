"""Every step's rule of an election without candidates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies.models import BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from decisions.consent.outcomes import outcome_kind
from decisions.consent.rules import governs_itself, participants
from decisions.models import Decision, Proposal, Turn
from decisions.proposals.adoption import proposal_adopt
from decisions.proposals.services import proposal_create, proposal_open, proposal_withdraw
from decisions.proposals.turns import proposal_amend_text, turn_record
from elections import services
from elections.models import Election, Nomination
from elections.selectors import current_nominations, nomination_board
from elections.tests.conftest import (
    Voters,
    consent_all,
    nominate_all,
    open_election,
    propose,
    to_changes,
)

pytestmark = pytest.mark.django_db
R = BodyMembership.Role


# --- Step 1 -----------------------------------------------------------------------------


def test_an_election_describes_the_role_and_its_term(voters: Voters) -> None:
    election = open_election(voters, tasks="Préparer l'ordre du jour", term_months=24)
    assert election.phase == Election.Phase.NOMINATION
    assert election.term_months == 24
    assert election.role_label == "animateur·rice de Conférence des DGS"


def test_a_delegate_election_needs_another_body_of_the_territory(voters: Voters) -> None:
    with pytest.raises(ValidationError):
        open_election(voters, role=Election.Role.DELEGATE)
    with pytest.raises(ValidationError):
        open_election(voters, role=Election.Role.DELEGATE, target_body=voters.world.other_body)
    target = BodyFactory.create(territory=voters.world.territory, name="Conférence des maires")
    election = open_election(voters, role=Election.Role.DELEGATE, target_body=target)
    assert "auprès de Conférence des maires" in election.role_label


def test_one_election_at_a_time_per_role(voters: Voters) -> None:
    open_election(voters)
    with pytest.raises(ValidationError):
        open_election(voters)
    assert open_election(voters, role=Election.Role.SECRETARY).pk


def test_a_term_lasts_one_to_seventy_two_months(voters: Voters) -> None:
    with pytest.raises(ValidationError):
        open_election(voters, term_months=0)


# --- Step 2: nominations, hidden, nobody a candidate -------------------------------------


def test_nominations_are_hidden_from_others_until_the_reading(voters: Voters) -> None:
    election = open_election(voters)
    services.nomination_write(
        election=election, nominator=voters.bruno, nominee=voters.chloe, reason="Elle écoute."
    )
    board = nomination_board(election, voters.marc)
    assert board.nominated_ids == {voters.bruno.pk}  # who has nominated...
    assert board.first == [] and board.tally == []  # ...never whom
    assert board.mine is None
    own = nomination_board(election, voters.bruno)
    assert own.mine is not None and own.mine.nominee == voters.chloe
    services.election_advance(election=election, actor=voters.facilitator)
    board = nomination_board(election, voters.marc)
    assert [(n.nominator, n.nominee) for n in board.first] == [(voters.bruno, voters.chloe)]
    assert [(t.nominee, t.count) for t in board.tally] == [(voters.chloe, 1)]


def test_a_nomination_needs_a_reason(voters: Voters) -> None:
    election = open_election(voters)
    with pytest.raises(ValidationError):
        services.nomination_write(
            election=election, nominator=voters.bruno, nominee=voters.chloe, reason="  "
        )


def test_guests_and_outsiders_neither_nominate_nor_are_named(voters: Voters) -> None:
    election = open_election(voters)
    world = voters.world
    for nominator, nominee in (
        (world.guest, voters.chloe),
        (world.admin, voters.chloe),
        (voters.bruno, world.guest),
        (voters.bruno, world.outsider),
    ):
        with pytest.raises(ValidationError):
            services.nomination_write(
                election=election, nominator=nominator, nominee=nominee, reason="Pourquoi pas."
            )
    assert not election.nominations.exists()


def test_naming_oneself_is_allowed_but_does_not_make_a_candidate(voters: Voters) -> None:
    election = open_election(voters)
    services.nomination_write(
        election=election, nominator=voters.bruno, nominee=voters.bruno, reason="J'ai le temps."
    )
    services.nomination_write(
        election=election, nominator=voters.marc, nominee=voters.chloe, reason="Elle écoute."
    )
    to_changes(voters, election)
    with pytest.raises(ValidationError, match="autre membre"):
        propose(voters, election, voters.bruno)
    assert not election.proposals.exists()
    assert propose(voters, election, voters.chloe).nominee == voters.chloe


def test_a_nomination_is_rewritten_until_the_reading_then_closed(voters: Voters) -> None:
    election = open_election(voters)
    for nominee in (voters.chloe, voters.marc):
        services.nomination_write(
            election=election, nominator=voters.bruno, nominee=nominee, reason="Idée."
        )
    assert election.nominations.get().nominee == voters.marc
    services.election_advance(election=election, actor=voters.facilitator)
    with pytest.raises(ValidationError):
        services.nomination_write(
            election=election, nominator=voters.chloe, nominee=voters.marc, reason="Tard."
        )


def test_the_reading_needs_at_least_one_nomination(voters: Voters) -> None:
    election = open_election(voters)
    with pytest.raises(ValidationError):
        services.election_advance(election=election, actor=voters.facilitator)


# --- Step 4: the change round keeps the history -------------------------------------------


def test_the_change_round_keeps_the_first_nomination_and_the_reason(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election, voters.bruno)
    with pytest.raises(ValidationError):  # not before the change round
        services.nomination_change(
            election=election, nominator=voters.marc, nominee=voters.chloe, reason="Changé."
        )
    to_changes(voters, election)
    change = services.nomination_change(
        election=election, nominator=voters.marc, nominee=voters.chloe, reason="Convaincu."
    )
    first = Nomination.objects.get(election=election, nominator=voters.marc, stage="first")
    assert change.replaces == first and first.nominee == voters.bruno
    assert change.reason == "Convaincu."
    standing = {n.nominator_id: n.nominee_id for n in current_nominations(election)}
    assert standing[voters.marc.pk] == voters.chloe.pk
    board = nomination_board(election, voters.chloe)
    assert [(t.nominee, t.count) for t in board.tally] == [(voters.bruno, 3), (voters.chloe, 1)]
    assert board.changes == [change]


def test_a_change_is_made_once_to_someone_else(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election, voters.bruno)
    to_changes(voters, election)
    with pytest.raises(ValidationError):
        services.nomination_change(
            election=election, nominator=voters.marc, nominee=voters.bruno, reason="Même."
        )
    services.nomination_change(
        election=election, nominator=voters.marc, nominee=voters.chloe, reason="Changé."
    )
    with pytest.raises(ValidationError):
        services.nomination_change(
            election=election, nominator=voters.marc, nominee=voters.facilitator, reason="Encore."
        )


# --- Steps 5 and 6: the proposal, the nominee speaking last -------------------------------


def test_the_proposal_goes_to_objections_with_the_nominee_last(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election, voters.bruno)
    with pytest.raises(ValidationError):  # not before the change round
        propose(voters, election, voters.bruno)
    to_changes(voters, election)
    item = propose(voters, election, voters.bruno)
    proposal = item.proposal
    assert proposal.phase == Proposal.Phase.OBJECTIONS
    assert proposal.last_speaker == voters.bruno
    assert proposal.title == "Élection de Bruno Berger : animateur·rice de Conférence des DGS"
    assert "Anime les réunions." in proposal.text and "Nommée par tous" in proposal.text
    assert proposal.mode == Proposal.Mode.ASYNC
    order = participants(proposal)
    assert order[-1] == voters.bruno
    assert set(order) == set(voters.all)
    election.refresh_from_db()
    assert election.phase == Election.Phase.CONSENT
    with pytest.raises(ValidationError):  # one proposal at a time
        propose(voters, election, voters.chloe)


def test_withdrawn_proposal_allows_another_person(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election)
    to_changes(voters, election)
    services.nomination_change(
        election=election, nominator=voters.marc, nominee=voters.bruno, reason="Il a le temps."
    )
    first = propose(voters, election, voters.chloe)
    turn_record(
        proposal=first.proposal,
        person=voters.marc,
        answer=Turn.Answer.OBJECTION,
        text="Elle préside déjà deux commissions.",
        recorded_by=voters.marc,
    )
    proposal_withdraw(proposal=first.proposal, actor=voters.facilitator)
    election.refresh_from_db()
    assert services.can_propose_now(election)
    second = propose(voters, election, voters.bruno)
    assert second.proposal.last_speaker == voters.bruno
    assert list(election.proposals.all()) == [first, second]


def test_live_election_gives_a_live_proposal(voters: Voters) -> None:
    from meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory.create(body=voters.world.body)
    election = open_election(voters, meeting=meeting)
    nominate_all(voters, election)
    to_changes(voters, election)
    assert propose(voters, election).proposal.mode == Proposal.Mode.LIVE


# --- Step 7: the role is assigned for its term -------------------------------------------


def test_adoption_assigns_the_role_and_ends_the_previous_holder(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election)
    to_changes(voters, election)
    item = propose(voters, election)
    consent_all(voters, item)
    decision = proposal_adopt(proposal=item.proposal, actor=voters.facilitator)
    today = timezone.localdate()
    election.refresh_from_db()
    assert election.phase == Election.Phase.ASSIGNED
    assert election.elected == voters.chloe and election.decided_on == decision.decided_on
    seat = election.seat
    assert seat is not None
    assert (seat.body, seat.person, seat.role) == (voters.world.body, voters.chloe, R.FACILITATOR)
    assert seat.start_date == today
    assert seat.end_date == today + relativedelta(years=1) - timedelta(days=1)
    assert election.term_end == seat.end_date
    assert election.next_election_on == seat.end_date - timedelta(days=30)
    voters.facilitator_seat.refresh_from_db()
    assert voters.facilitator_seat.end_date == today - timedelta(days=1)
    current = BodyMembership.objects.current().filter(body=voters.world.body, role=R.FACILITATOR)
    assert list(current.values_list("person", flat=True)) == [voters.chloe.pk]
    assert Decision.objects.filter(proposal=item.proposal).count() == 1


def test_a_planned_term_start_is_kept(voters: Voters) -> None:
    start = timezone.localdate() + timedelta(days=40)
    election = open_election(voters, term_start=start, term_months=6)
    nominate_all(voters, election)
    to_changes(voters, election)
    item = propose(voters, election)
    consent_all(voters, item)
    proposal_adopt(proposal=item.proposal, actor=voters.facilitator)
    election.refresh_from_db()
    assert election.seat is not None and election.seat.start_date == start
    assert election.term_end == start + relativedelta(months=6) - timedelta(days=1)
    voters.facilitator_seat.refresh_from_db()
    assert voters.facilitator_seat.end_date == start - timedelta(days=1)


def test_the_holder_may_be_reelected_ahead_of_the_end(voters: Voters) -> None:
    start = timezone.localdate() + timedelta(days=20)
    election = open_election(voters, term_start=start)
    nominate_all(voters, election, voters.facilitator)
    to_changes(voters, election)
    item = propose(voters, election, voters.facilitator)
    consent_all(voters, item)
    proposal_adopt(proposal=item.proposal, actor=voters.facilitator)
    seats = BodyMembership.objects.filter(
        body=voters.world.body, person=voters.facilitator, role=R.FACILITATOR
    ).order_by("start_date")
    assert [(s.start_date, s.end_date is not None) for s in seats] == [
        (date(2024, 1, 1), True),
        (start, True),
    ]
    assert seats[0].end_date == start - timedelta(days=1)


def test_a_delegate_sits_in_the_target_body(voters: Voters) -> None:
    target = BodyFactory.create(territory=voters.world.territory, name="Conférence des maires")
    previous = MembershipFactory.create(
        body=target,
        person=voters.marc,
        role=R.DELEGATE,
        capacity="délégué·e de Conférence des DGS",
        start_date=date(2024, 1, 1),
    )
    other_delegate = MembershipFactory.create(
        body=target, person=voters.bruno, role=R.DELEGATE, capacity="", start_date=date(2024, 1, 1)
    )
    election = open_election(voters, role=Election.Role.DELEGATE, target_body=target)
    nominate_all(voters, election)
    to_changes(voters, election)
    item = propose(voters, election)
    assert "délégué·e de Conférence des DGS auprès de Conférence des maires" in (
        item.proposal.title
    )
    consent_all(voters, item)
    proposal_adopt(proposal=item.proposal, actor=voters.facilitator)
    election.refresh_from_db()
    seat = election.seat
    assert seat is not None
    assert (seat.body, seat.role, seat.capacity) == (
        target,
        R.DELEGATE,
        "délégué·e de Conférence des DGS",
    )
    previous.refresh_from_db()
    other_delegate.refresh_from_db()
    assert previous.end_date == timezone.localdate() - timedelta(days=1)
    assert other_delegate.end_date is None  # another body's delegate is not replaced


def test_an_open_objection_blocks_the_assignment(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election)
    to_changes(voters, election)
    item = propose(voters, election)
    turn_record(
        proposal=item.proposal,
        person=voters.marc,
        answer=Turn.Answer.OBJECTION,
        text="Trop de charges.",
        recorded_by=voters.marc,
    )
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=item.proposal, actor=voters.facilitator)
    election.refresh_from_db()
    assert election.phase == Election.Phase.CONSENT and election.seat is None


def test_cancel_withdraws_the_open_proposal(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election)
    to_changes(voters, election)
    item = propose(voters, election)
    services.election_cancel(election=election, actor=voters.facilitator)
    item.proposal.refresh_from_db()
    election.refresh_from_db()
    assert item.proposal.phase == Proposal.Phase.WITHDRAWN
    assert election.phase == Election.Phase.CANCELLED
    with pytest.raises(ValidationError):
        services.election_cancel(election=election, actor=voters.facilitator)


def test_another_proposal_adopted_does_not_touch_elections(voters: Voters) -> None:
    proposal = proposal_create(
        body=voters.world.body, proposer=voters.facilitator, title="Achats", text="Mutualiser."
    )
    proposal_open(
        proposal=proposal, actor=voters.facilitator, start_phase=Proposal.Phase.OBJECTIONS
    )
    for person in participants(proposal):
        turn_record(
            proposal=proposal, person=person, answer=Turn.Answer.CONSENT, recorded_by=person
        )
    proposal_adopt(proposal=proposal, actor=voters.facilitator)
    voters.facilitator_seat.refresh_from_db()
    assert voters.facilitator_seat.end_date is None


def test_the_proposal_carries_the_election_and_its_text_is_not_amended(voters: Voters) -> None:
    """The election is the proposal's subject (elections/subjects.py): what the members
    adopt is the nominee, not the words that present them."""
    election = open_election(voters)
    nominate_all(voters, election)
    to_changes(voters, election)
    item = propose(voters, election)
    proposal = Proposal.objects.get(pk=item.proposal_id)
    assert proposal.subject == election and governs_itself(proposal)
    assert outcome_kind(proposal)[0] == Decision.Kind.DECISION
    with pytest.raises(ValidationError):
        proposal_amend_text(
            proposal=proposal, actor=voters.facilitator, text="Une autre.", reason="Autre."
        )
