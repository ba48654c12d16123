"""The proposal pages: the body's list (open first, constant queries), filing a
proposal, the proposal's page (round, objections, amendments as diffs, outcome) and the
actions with their permissions (outsider 404, follower 403)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.consent import rules
from decisions.models import Amendment, Decision, Objection, Process, Proposal, Turn
from decisions.proposals import services as proposal_services
from decisions.proposals import turns
from decisions.proposals.state import word_diff
from governance.models import Authority, Framework
from governance.tests.factories import CharterFactory, FrameworkObjectFactory
from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

Phase = Proposal.Phase


def make(world: World, **extra: object) -> Proposal:
    values: dict[str, object] = {
        "body": world.body,
        "proposer": world.member,
        "title": "Mutualiser les achats",
        "text": "Nous achetons ensemble.",
    }
    handling = {name: extra.pop(name) for name in ("process", "mode", "item") if name in extra}
    scope = {name: extra.pop(name) for name in ("object",) if name in extra}
    values.update(extra)
    return proposal_services.proposal_create(
        **values,  # type: ignore[arg-type]
        handling=proposal_services.Handling(**handling),  # type: ignore[arg-type]
        scope=proposal_services.Scope(**scope),  # type: ignore[arg-type]
    )


def opened(world: World, phase: str = Phase.OBJECTIONS, **extra: object) -> Proposal:
    proposal = make(world, **extra)
    proposal_services.proposal_open(proposal=proposal, actor=world.member, start_phase=phase)
    return proposal


def test_word_diff_escapes_and_marks_changes() -> None:
    html = word_diff("Nous achetons <b>ensemble</b>.", "Nous achetons seuls <i>.")
    assert "<del>" in html and "<ins>" in html
    assert "&lt;" in html and "<b>" not in html and "<i>" not in html
    assert "Nous achetons" in html


def test_list_open_first_with_constant_queries(world: World, member_client: Client) -> None:
    url = reverse("decisions:body_proposals", args=[world.body.pk])
    make(world, title="Un brouillon")
    opened(world, title="En cours")

    def count() -> int:
        member_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(url)
        assert response.status_code == 200
        return len(queries)

    few = count()
    for index in range(6):
        opened(world, title=f"Autre {index}")
    assert count() == few
    page = member_client.get(url).content.decode()
    assert page.index("En cours") < page.index("Un brouillon")
    assert "Déposer une proposition" in page


def test_outsider_gets_404_and_guest_403(
    world: World, outsider_client: Client, guest_client: Client
) -> None:
    proposal = opened(world)
    detail = reverse("decisions:proposal", args=[proposal.pk])
    assert outsider_client.get(detail).status_code == 404
    assert guest_client.get(detail).status_code == 200
    turn = reverse("decisions:proposal_turn", args=[proposal.pk])
    assert guest_client.post(turn, {"turn-answer": "consent"}).status_code == 403
    adopt = reverse("decisions:proposal_adopt", args=[proposal.pk])
    assert guest_client.post(adopt).status_code == 403
    assert outsider_client.post(adopt).status_code == 404
    create = reverse("decisions:proposal_create", args=[world.body.pk])
    assert guest_client.get(create).status_code == 403


def test_file_a_proposal_and_open_it(world: World, member_client: Client) -> None:
    framework = Framework.objects.create(
        body=world.body, version=1, adopted_on=timezone.localdate()
    )
    obj = FrameworkObjectFactory.create(
        framework=framework, title="Voirie et travaux", authority=Authority.OPINION
    )
    url = reverse("decisions:proposal_create", args=[world.body.pk])
    page = member_client.get(url).content.decode()
    assert "Voirie et travaux" in page
    day = timezone.localdate() + timedelta(days=10)
    response = member_client.post(
        url,
        {
            "title": "Calendrier des travaux",
            "text": "Les travaux se font **en été**.",
            "context": "",
            "object": obj.pk,
            "process": Process.CONSENT,
            "mode": Proposal.Mode.ASYNC,
            "vote_threshold": 50,
            "deadline": day.isoformat(),
            "open_now": "on",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.phase == Phase.PRESENTATION
    assert proposal.deadline is not None
    assert timezone.localtime(proposal.deadline).date() == day
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert "<strong>en été</strong>" in page
    # Authority: on an opinion object, the page says the outcome is an avis, and why.
    assert "jamais une décision" in page and "Voirie et travaux" in page


def test_filing_keeps_what_was_typed_on_refusal(world: World, member_client: Client) -> None:
    framework = Framework.objects.create(
        body=world.body, version=1, adopted_on=timezone.localdate()
    )
    info = FrameworkObjectFactory.create(framework=framework, authority=Authority.INFORMATION)
    url = reverse("decisions:proposal_create", args=[world.body.pk])
    response = member_client.post(
        url,
        {
            "title": "Mon titre tapé",
            "text": "Mon texte.",
            "object": info.pk,
            "process": Process.CONSENT,
            "mode": Proposal.Mode.ASYNC,
            "vote_threshold": 50,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mon titre tapé" in page and "information" in page
    assert not Proposal.objects.exists()


def test_create_from_an_agenda_item(world: World, member_client: Client) -> None:
    meeting = MeetingFactory.create(body=world.body)
    item = AgendaItemFactory.create(
        meeting=meeting,
        title="Achats groupés",
        kind=AgendaItem.Kind.DECISION,
        status=AgendaItem.Status.ACCEPTED,
    )
    url = reverse("decisions:proposal_create", args=[world.body.pk]) + f"?item={item.pk}"
    page = member_client.get(url).content.decode()
    assert 'value="Achats groupés"' in page
    assert f'<option value="{item.pk}" selected' in page


def test_page_shows_who_has_not_answered(world: World, member_client: Client) -> None:
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane")
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = opened(world)
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert "0 sur 2 a répondu" in page
    assert "2 n’ont pas encore répondu" in page
    response = member_client.post(
        reverse("decisions:proposal_turn", args=[proposal.pk]),
        {"turn-answer": "objection", "turn-text": ""},
    )
    assert response.status_code == 400  # an objection needs its reasoning
    response = member_client.post(
        reverse("decisions:proposal_turn", args=[proposal.pk]),
        {"turn-answer": "objection", "turn-text": "Nuit aux petites communes."},
    )
    assert response.status_code == 302
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert "1 sur 2 a répondu" in page
    assert "Nuit aux petites communes." in page
    assert "Zoé Zidane n’ont pas encore répondu" in page or "Zoé Zidane" in page
    assert "Pas encore adoptable" in page


def test_answer_with_two_buttons_in_a_fieldset(world: World, member_client: Client) -> None:
    proposal = opened(world)
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    form = page[page.index('class="proposal-answer"') :]
    form = form[: form.index("</form>")]
    assert "<fieldset>" in form
    assert "Ma réponse à « Mutualiser les achats » : étape tour des objections" in form
    assert 'name="turn-answer" value="consent"' in form and ">Consentir</button>" in form
    assert 'name="turn-answer" value="objection"' in form and ">Objecter</button>" in form
    assert 'type="radio"' not in form


def test_objection_without_reason_is_refused_on_the_field_and_keeps_the_text(
    world: World, member_client: Client
) -> None:
    proposal = opened(world)
    url = reverse("decisions:proposal_turn", args=[proposal.pk])
    response = member_client.post(url, {"turn-answer": "objection", "turn-text": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    field = page[page.index('id="id_turn-text"') - 200 :]
    field = field[: field.index("</div>", field.index('id="id_turn-text_error"'))]
    assert "autofocus" in field
    assert "Une objection dit en quoi la proposition nuit aux buts de l’instance." in field
    assert not Turn.objects.exists()
    # A service refusal lands on the same field, and what was typed stays.
    response = member_client.post(url, {"turn-answer": "nope", "turn-text": "Mon texte gardé"})
    assert response.status_code == 400
    assert "Mon texte gardé</textarea>" in response.content.decode()


def test_round_picture_names_who_consented_objected_and_is_silent(
    world: World, member_client: Client
) -> None:
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane")
    MembershipFactory.create(body=world.body, person=zoe)
    yves = PersonFactory.create(first_name="Yves", last_name="Yvon")
    MembershipFactory.create(body=world.body, person=yves)
    proposal = opened(world)
    turns.turn_record(proposal=proposal, person=zoe, answer="consent", recorded_by=zoe)
    turns.turn_record(
        proposal=proposal, person=yves, answer="objection", text="Trop cher.", recorded_by=yves
    )
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert "1 a consenti, 1 a objecté, 1 n’a pas encore répondu." in page
    standing = page[page.index("round-standing-groups") :]
    standing = standing[: standing.index("</dl>")]
    consented = standing[standing.index("1 a consenti") : standing.index("1 a objecté")]
    assert "Zoé Zidane" in consented
    objected = standing[standing.index("1 a objecté") : standing.index("1 n’a pas encore")]
    assert "Yves Yvon" in objected and "Trop cher." in objected and "objection ouverte" in objected
    assert world.member.full_name in standing[standing.index("1 n’a pas encore") :]


def test_adoption_blocker_uses_a_proper_plural(world: World) -> None:
    zoe = PersonFactory.create()
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = opened(world)
    turns.turn_record(
        proposal=proposal, person=zoe, answer="objection", text="Non.", recorded_by=zoe
    )
    from decisions.consent.outcomes import adoption_blockers

    blockers = adoption_blockers(proposal)
    assert "1 objection reste ouverte." in blockers
    assert not any("(s)" in reason for reason in blockers)


def test_full_async_consent_through_the_pages(world: World, member_client: Client) -> None:
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane")
    MembershipFactory.create(body=world.body, person=zoe)
    zoe_client = client_for(zoe)
    proposal = opened(world)
    turn = reverse("decisions:proposal_turn", args=[proposal.pk])
    member_client.post(turn, {"turn-answer": "consent"})
    zoe_client.post(turn, {"turn-answer": "objection", "turn-text": "Trop cher."})
    objection = Objection.objects.get()
    advance = reverse("decisions:proposal_advance", args=[proposal.pk])
    assert zoe_client.post(advance).status_code == 403
    assert member_client.post(advance).status_code == 302
    proposal.refresh_from_db()
    assert proposal.phase == Phase.INTEGRATION
    response = zoe_client.post(
        reverse("decisions:proposal_amendment", args=[proposal.pk]),
        {
            "amendment-text": "Nous achetons ensemble, dans un budget plafonné.",
            "amendment-reason": "Le coût.",
            "amendment-responds_to": objection.pk,
        },
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert "<ins>" in page and "plafonné" in page
    decide = reverse("decisions:proposal_amendment_decide", args=[amendment.pk])
    assert zoe_client.post(decide, {"decision": "integrate"}).status_code == 403
    assert member_client.post(decide, {"decision": "integrate"}).status_code == 302
    objection.refresh_from_db()
    assert objection.status == Objection.Status.INTEGRATED
    member_client.post(advance)
    proposal.refresh_from_db()
    assert (proposal.phase, proposal.round_number) == (Phase.OBJECTIONS, 2)
    member_client.post(turn, {"turn-answer": "consent"})
    adopt = reverse("decisions:proposal_adopt", args=[proposal.pk])
    response = member_client.post(adopt, {"adopt-review_on": "2027-06-01"})
    assert response.status_code == 400  # Zoé has not answered: silence is not consent
    assert "Zoé Zidane" in response.content.decode()
    zoe_client.post(turn, {"turn-answer": "consent"})
    response = member_client.post(adopt, {"adopt-review_on": "2027-06-01"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert decision.reference in page
    assert "Historique du texte" in page


def test_withdraw_own_objection_only(world: World, member_client: Client) -> None:
    zoe = PersonFactory.create()
    MembershipFactory.create(body=world.body, person=zoe)
    proposal = opened(world)
    turns.turn_record(
        proposal=proposal,
        person=zoe,
        answer=Turn.Answer.OBJECTION,
        text="Non.",
        recorded_by=zoe,
    )
    objection = Objection.objects.get()
    url = reverse("decisions:proposal_objection_withdraw", args=[objection.pk])
    assert member_client.post(url).status_code == 403
    assert client_for(zoe).post(url, {"withdraw-note": "Compris."}).status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.resolution_note) == (
        Objection.Status.WITHDRAWN,
        "Compris.",
    )


def test_decline_needs_a_response(world: World, member_client: Client) -> None:
    proposal = opened(world, phase=Phase.PRESENTATION)
    amendment = turns.amendment_propose(
        proposal=proposal, author=world.member, text="Autre.", reason="Mieux."
    )
    url = reverse("decisions:proposal_amendment_decide", args=[amendment.pk])
    member_client.post(url, {"decision": "decline"})
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PROPOSED
    member_client.post(url, {"decision": "decline", "decide-response": "Hors sujet."})
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.DECLINED


def others_answer(world: World, proposal: Proposal, answer: str) -> None:
    for person in rules.participants(proposal):
        if person.pk != world.member.pk:
            turns.turn_record(
                proposal=proposal, person=person, answer=answer, text="Oui.", recorded_by=person
            )


def test_vote_and_opinion_pages(world: World, member_client: Client) -> None:
    vote = opened(world, phase=Phase.VOTING, process=Process.VOTE)
    member_client.post(reverse("decisions:proposal_turn", args=[vote.pk]), {"turn-answer": "for"})
    others_answer(world, vote, Turn.Answer.FOR)
    member_client.post(reverse("decisions:proposal_adopt", args=[vote.pk]))
    assert Decision.objects.get().process == Process.VOTE
    opinion = opened(world, phase=Phase.OPINIONS, process=Process.OPINION)
    member_client.post(
        reverse("decisions:proposal_turn", args=[opinion.pk]),
        {"turn-answer": "spoke", "turn-text": "Favorable."},
    )
    others_answer(world, opinion, Turn.Answer.SPOKE)
    member_client.post(
        reverse("decisions:proposal_opinion", args=[opinion.pk]),
        {"opinion-opinion_text": "Avis favorable."},
    )
    member_client.post(reverse("decisions:proposal_adopt", args=[opinion.pk]))
    assert Decision.objects.get(proposal=opinion).kind == Decision.Kind.OPINION


def test_a_vote_is_not_counted_after_a_single_vote(world: World, member_client: Client) -> None:
    other = PersonFactory.create(first_name="Ana", last_name="Abel")
    MembershipFactory.create(body=world.body, person=other)
    vote = opened(world, phase=Phase.VOTING, process=Process.VOTE)
    member_client.post(reverse("decisions:proposal_turn", args=[vote.pk]), {"turn-answer": "for"})
    page = member_client.get(vote.get_absolute_url()).content.decode()
    assert "Tout le monde n’a pas encore répondu : Ana Abel" in page
    assert 'id="proposal-adopt" disabled' in page
    response = member_client.post(reverse("decisions:proposal_adopt", args=[vote.pk]))
    assert response.status_code == 400
    assert "Tout le monde n’a pas encore répondu" in response.content.decode()
    vote.refresh_from_db()
    assert vote.phase == Phase.VOTING and not Decision.objects.exists()


def adopted_framework(world: World, version: int = 1) -> Framework:
    return Framework.objects.create(
        body=world.body, version=version, adopted_on=timezone.localdate()
    )


def test_filing_requires_an_object_once_a_framework_is_adopted(
    world: World, member_client: Client
) -> None:
    framework = adopted_framework(world)
    obj = FrameworkObjectFactory.create(
        framework=framework, title="Achats", authority=Authority.DECISION
    )
    url = reverse("decisions:proposal_create", args=[world.body.pk])
    page = member_client.get(url).content.decode()
    assert "fonctionnement de l’instance elle-même" not in page
    data = {
        "title": "Mutualiser",
        "text": "Nous achetons ensemble.",
        "process": Process.CONSENT,
        "mode": Proposal.Mode.ASYNC,
        "vote_threshold": 50,
    }
    response = member_client.post(url, data)
    assert response.status_code == 200
    assert "choisissez l’objet du cadre" in response.content.decode()
    assert not Proposal.objects.exists()
    assert member_client.post(url, {**data, "object": obj.pk}).status_code == 302
    assert Proposal.objects.get().object == obj


def test_without_a_framework_the_form_says_the_outcome_is_an_opinion(
    world: World, member_client: Client
) -> None:
    url = reverse("decisions:proposal_create", args=[world.body.pk])
    page = member_client.get(url).content.decode()
    assert "fonctionnement de l’instance elle-même" not in page
    assert "pas encore de cadre de référence adopté" in page


def test_charter_proposal_page_offers_no_amendment(world: World, member_client: Client) -> None:
    charter = CharterFactory.create(body=world.body, adopted_on=None)
    proposal = opened(world, phase=Phase.PRESENTATION, subject=charter)
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert "son texte ne s’amende pas" in page
    assert reverse("decisions:proposal_amendment", args=[proposal.pk]) not in page
    response = member_client.post(
        reverse("decisions:proposal_amendment", args=[proposal.pk]),
        {"amendment-text": "Autre.", "amendment-reason": "Mieux."},
    )
    assert response.status_code == 400
    assert not Amendment.objects.exists()


def test_withdraw_proposal(world: World, member_client: Client, admin_client_: Client) -> None:
    proposal = opened(world)
    url = reverse("decisions:proposal_withdraw", args=[proposal.pk])
    assert admin_client_.post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.phase == Phase.WITHDRAWN


def test_page_queries_do_not_grow_with_members_and_turns(
    world: World, member_client: Client
) -> None:
    proposal = opened(world)
    url = proposal.get_absolute_url()

    def count() -> int:
        member_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(url).status_code == 200
        return len(queries)

    def add(index: int) -> None:
        person = PersonFactory.create(last_name=f"Membre{index}")
        MembershipFactory.create(body=world.body, person=person)
        answer = Turn.Answer.OBJECTION if index % 2 else Turn.Answer.CONSENT
        turns.turn_record(
            proposal=proposal, person=person, answer=answer, text="Raison.", recorded_by=person
        )
        turns.amendment_propose(
            proposal=proposal, author=person, text=f"Texte {index}.", reason="Mieux."
        )

    add(0)
    add(1)
    few = count()
    for index in range(2, 7):
        add(index)
    # Session, user, the user's bodies, the proposal; turns, participants, objections,
    # versions, amendments (the state); the framework, then the objections, participants
    # and round's turns for what stops adoption; the member's roles; the open objections
    # the amendment form offers: 15 (issue 9), whoever objects.
    assert count() == few == 15


def test_the_rendered_text_keeps_no_source_newlines(world: World, member_client: Client) -> None:
    # The proposal's Markdown is rendered as paragraphs and a list; shown in a
    # "white-space: pre-line" block, the newlines between the tags opened blank gaps.
    proposal = make(world, text="Une astreinte commune.\n\n- La saleuse.\n- Le planning.")
    content = member_client.get(proposal.get_absolute_url()).content.decode()
    assert '<div class="rendered-text proposal-text"><p>Une astreinte commune.</p>' in content
    assert "profile-text proposal-text" not in content
