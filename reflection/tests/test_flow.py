"""The facilitator's path: prepare, edit, open, remind, close, actions to the follow-up,
the plan adopted by consent; the member's self-assessment."""

from __future__ import annotations

import smtplib
from datetime import date
from types import SimpleNamespace
from typing import Any, cast
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.models import Proposal
from followup.models import Action
from governance.tests.factories import CharterFactory
from reflection import reminders, selectors, services
from reflection.models import MirrorSchedule, MirrorSession, PlanStatus, Question, Status
from reflection.tests.factories import answer_all, members, open_round, open_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(world: World) -> Client:
    MembershipFactory.create(
        body=world.body, person=world.admin, role=BodyMembership.Role.FACILITATOR
    )
    return client_for(world.admin)


def test_prepare_edit_open_and_close(
    world: World, facilitator: Client, member_client: Client
) -> None:
    response = facilitator.post(
        reverse("reflection:session_create", args=[world.body.pk]), {"held_on": "2026-06-01"}
    )
    session = MirrorSession.objects.get(body=world.body)
    assert response["Location"] == session.get_absolute_url()
    assert session.questions.count() == 11  # the vademecum's questions
    assert session.questions.filter(kind=Question.Kind.SCALE).count() == 4
    url = reverse("reflection:questions", args=[session.pk])
    assert member_client.get(url).status_code == 403  # members answer, the facilitator runs
    assert facilitator.get(url).status_code == 200
    open_url = reverse("reflection:session_open", args=[session.pk])
    assert facilitator.post(open_url).status_code == 302
    session.refresh_from_db()
    assert session.status == Status.OPEN
    assert facilitator.get(url).status_code == 302  # frozen once open
    facilitator.post(reverse("reflection:session_close", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == Status.CLOSED


def test_the_schedule_moves_on_when_its_session_is_created(world: World) -> None:
    services.schedule_set(body=world.body, per_year=2, next_on=date(2026, 3, 31))
    services.session_create(body=world.body, actor=None, held_on=date(2026, 4, 2))
    assert MirrorSchedule.objects.get(body=world.body).next_on == date(2026, 9, 30)


def test_reminders_go_to_those_who_have_not_answered(world: World) -> None:
    session = open_session(world.body)
    people = members(world.body, 3)
    answer_all(session, people[0], 3)
    sent, failed = reminders.remind_session(session)
    recipients = {m.to[0] for m in mail.outbox}
    assert people[0].email not in recipients
    assert {people[1].email, people[2].email, world.member.email} <= recipients
    assert failed == 0 and sent == len(mail.outbox)
    assert all("\n" not in m.subject for m in mail.outbox)


def test_one_failing_mail_does_not_stop_the_batch(world: World) -> None:
    session = open_session(world.body)
    members(world.body, 2)
    real_send = mail.EmailMessage.send
    calls = {"n": 0}

    def send(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(self, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", send):
        sent, failed = reminders.remind_session(session)
    assert failed == 1 and sent >= 2


def test_an_address_with_a_line_break_gets_no_mail(world: World) -> None:
    session = open_session(world.body)
    (person,) = members(world.body, 1)
    person.email = "x@example.test\nBcc: y@example.test"
    assert reminders.build_reminder(session, person) is None


def test_actions_go_to_the_follow_up_and_the_plan_is_adopted_by_consent(
    world: World, facilitator: Client
) -> None:
    session = open_session(world.body)
    facilitator.post(
        reverse("reflection:action_add", args=[session.pk]),
        {"title": "Mettre les tables en cercle", "owner": world.member.pk},
    )
    action = Action.objects.get(body=world.body)
    assert action.title == "Mettre les tables en cercle" and action.owner == world.member
    assert session.actions.get().action == action
    facilitator.post(reverse("reflection:plan", args=[session.pk]), {"plan": "Se voir en cercle."})
    response = facilitator.post(reverse("reflection:plan_submit", args=[session.pk]))
    proposal = Proposal.objects.get(body=world.body)
    assert response["Location"] == proposal.get_absolute_url()
    assert "Mettre les tables en cercle" in proposal.text
    session.refresh_from_db()
    assert session.plan_status == PlanStatus.SUBMITTED
    with pytest.raises(Exception, match="ne change plus"):
        services.plan_update(session=session, text="autre")
    from decisions.proposals.subjects import kind_of

    kind_of(session).released(session, proposal)
    session.refresh_from_db()
    assert session.plan_status == PlanStatus.DRAFT
    decision = SimpleNamespace(decided_on=date(2026, 7, 1))
    kind_of(session).adopted(session, proposal, cast(Any, decision))
    session.refresh_from_db()
    assert session.plan_status == PlanStatus.ADOPTED
    assert session.plan_adopted_on == date(2026, 7, 1)


def test_member_assesses_maturity_once(world: World, member_client: Client) -> None:
    assessment = open_round(world.body)
    url = reverse("reflection:round_answer", args=[assessment.pk])
    data = {"stage": "3", "obstacles": ["egos", "time"], "levers": ["trust"]}
    data |= {f"factor_{key}": "0" for key in ("origins", "power", "size", "heterogeneity")}
    data |= {f"factor_{key}": "1" for key in ("people", "project", "mandate", "charter")}
    data["factor_framework"] = "-1"
    assert member_client.post(url, data).status_code == 302
    assert assessment.answers.get().stage == 3
    assert member_client.get(url).status_code == 302  # once
    page = member_client.get(assessment.get_absolute_url()).content.decode()
    assert "vous avez répondu" in page


def test_next_step_is_recorded_by_who_runs_the_body(
    world: World, facilitator: Client, member_client: Client
) -> None:
    assessment = open_round(world.body)
    url = reverse("reflection:next_step", args=[assessment.pk])
    assert member_client.post(url, {"next_step": "x"}).status_code == 403
    facilitator.post(url, {"next_step": "Écrire la charte."})
    page = facilitator.get(reverse("reflection:maturity", args=[world.body.pk])).content.decode()
    assert "Écrire la charte." in page


def test_home_says_a_mirror_waits_for_me(world: World, member_client: Client) -> None:
    session = open_session(world.body)
    content = member_client.get(reverse("home:home")).content.decode()
    assert "Opération miroir : votre réponse est attendue" in content
    answer_all(session, world.member, 3)
    content = member_client.get(reverse("home:home")).content.decode()
    assert "Opération miroir : votre réponse est attendue" not in content


def test_body_page_has_the_mirror_entry(world: World, member_client: Client) -> None:
    content = member_client.get(world.body.get_absolute_url()).content.decode()
    assert reverse("reflection:body", args=[world.body.pk]) in content


def test_the_body_edits_its_copy_of_the_questionnaire(world: World, facilitator: Client) -> None:
    session = services.session_create(body=world.body, actor=None, held_on=date(2026, 6, 1))
    questions = list(session.questions.all())
    data = {
        "form-TOTAL_FORMS": str(len(questions) + 1),
        "form-INITIAL_FORMS": str(len(questions)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "30",
    }
    for index, question in enumerate(questions):
        data |= {
            f"form-{index}-id": str(question.pk),
            f"form-{index}-position": str(question.position),
            f"form-{index}-text": question.text,
            f"form-{index}-kind": question.kind,
            f"form-{index}-low": question.low,
            f"form-{index}-high": question.high,
        }
    data["form-0-text"] = "Où en est notre cadre ?"
    data["form-1-DELETE"] = "on"
    last = len(questions)
    data |= {f"form-{last}-position": "20", f"form-{last}-text": "Et la suite ?"}
    data[f"form-{last}-kind"] = Question.Kind.TEXT
    url = reverse("reflection:questions", args=[session.pk])
    assert facilitator.post(url, data).status_code == 302
    texts = list(session.questions.values_list("text", flat=True))
    assert texts[0] == "Où en est notre cadre ?" and texts[-1] == "Et la suite ?"
    assert len(texts) == len(questions)  # one removed, one added
    assert session.questions.get(position=1).key == "framework"  # the trend still follows it
    data["form-0-text"] = "Une ligne\ncoupée"
    response = facilitator.post(url, data)
    assert response.status_code == 200  # refused: a control character in a single line


def test_the_sessions_table_scrolls_on_its_own_on_a_phone(
    world: World, member_client: Client
) -> None:
    open_session(world.body)
    page = member_client.get(reverse("reflection:body", args=[world.body.pk])).content.decode()
    assert '<div class="table-wrap"><table>' in page


def test_the_charter_in_force_sets_how_many_mirrors_a_year(
    world: World, facilitator: Client
) -> None:
    CharterFactory.create(body=world.body, mirrors_per_year=4)
    services.schedule_set(body=world.body, per_year=1, next_on=date(2026, 3, 31))
    rhythm = selectors.rhythm_of(world.body)
    assert (rhythm.per_year, rhythm.months_between) == (4, 3)  # the charter's, not the page's
    assert MirrorSchedule.objects.get(body=world.body).per_year == 4
    services.session_create(body=world.body, actor=None, held_on=date(2026, 4, 2))
    assert MirrorSchedule.objects.get(body=world.body).next_on == date(2026, 6, 30)
    page = facilitator.get(reverse("reflection:body", args=[world.body.pk])).content.decode()
    assert "4 opérations miroir par an." in page
    assert "charte de fonctionnement</a> (version" in page
    assert 'name="per_year"' not in page  # the number changes with the charter only


def test_a_charter_that_says_nothing_leaves_the_rhythm_to_the_page(
    world: World, facilitator: Client
) -> None:
    CharterFactory.create(body=world.body, mirrors_per_year=None)
    services.schedule_set(body=world.body, per_year=3, next_on=None)
    assert selectors.rhythm_of(world.body).per_year == 3
    assert selectors.rhythm_of(world.body).charter is None
    page = facilitator.get(reverse("reflection:body", args=[world.body.pk])).content.decode()
    assert 'name="per_year"' in page
