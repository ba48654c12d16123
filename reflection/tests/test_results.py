"""The threshold, the results and the trends (values checked by hand)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from conftest import World, client_for
from reflection import services
from reflection.maturity import body_evolution, round_results, stage_distribution
from reflection.selectors import body_trend, compute_trends, session_results
from reflection.tests.factories import answer_all, members, open_round, open_session

pytestmark = pytest.mark.django_db


def test_no_result_below_the_threshold_nor_while_open(world: World) -> None:
    session = open_session(world.body)
    people = members(world.body, 3)
    for person in people[:2]:
        answer_all(session, person, 5, "secret")
    results = session_results(session, 2)
    assert not results.visible and results.questions == []
    answer_all(session, people[2], 2, "autre")
    # three answers, but still open: results that moved with each answer would tell
    # what the last one said
    assert not session_results(session, 3).visible
    content = client_for(world.member).get(session.get_absolute_url()).content.decode()
    assert "secret" not in content and "autre" not in content
    session = services.session_close(session=session)
    content = client_for(world.member).get(session.get_absolute_url()).content.decode()
    assert "secret" in content and "autre" in content
    results = session_results(session, 3)
    scale = next(r for r in results.questions if r.question.scale)
    assert scale.distribution == [0, 1, 0, 0, 2]
    assert scale.mean == pytest.approx(4.0)  # (2 + 5 + 5) / 3


@override_settings(CODIR_MIRROR_MIN_ANSWERS=5)
def test_the_threshold_comes_from_settings(world: World) -> None:
    session = open_session(world.body)
    for person in members(world.body, 4):
        answer_all(session, person, 3)
    session = services.session_close(session=session)
    assert not session_results(session, 4).visible
    assert session_results(session, 5).visible


def test_compute_trends_by_hand() -> None:
    means = {(0, "a"): 2.0, (1, "a"): 3.5, (0, "b"): 4.0, (2, "b"): 3.0}
    trends = compute_trends(["s1", "s2", "s3"], means, {"a": "A", "b": "B"})
    assert trends[0].values == [2.0, 3.5, None]
    assert trends[0].change is None  # not asked the last time
    assert trends[1].values == [4.0, None, 3.0]
    assert trends[1].change == -1.0  # 3.0 - 4.0, skipping the session without it


def test_body_trend_follows_the_sessions(world: World) -> None:
    people = members(world.body, 3)
    first = open_session(world.body, date(2025, 6, 1))
    for person, value in zip(people, (1, 2, 3), strict=True):
        answer_all(first, person, value)
    services.session_close(session=first)
    second = open_session(world.body, date(2026, 1, 1))
    for person, value in zip(people, (4, 4, 5), strict=True):
        answer_all(second, person, value)
    services.session_close(session=second)
    open_session(world.body, date(2026, 6, 1))  # open: not in the trend
    trend = body_trend(world.body)
    assert trend.session_labels == ["06/2025", "01/2026"]
    framework = next(t for t in trend.trends if t.label.startswith("Où en est-on"))
    assert framework.values == [2.0, 4.33]  # (1+2+3)/3 and (4+4+5)/3
    assert framework.change == 2.33
    assert trend.chart is not None and trend.chart.rows[1][0] == "01/2026"


def test_maturity_distribution_and_evolution(world: World) -> None:
    assert stage_distribution([1, 3, 3, 5]) == [1, 0, 2, 0, 1]
    assessment = open_round(world.body, date(2025, 1, 1))
    for person, stage in zip(members(world.body, 3), (2, 3, 3), strict=True):
        services.maturity_answer(
            round=assessment,
            person=person,
            stage=stage,
            factors={"power": -1},
            obstacles=["egos"],
            levers=["trust"],
        )
    assert not round_results(assessment, 3).visible  # open
    assessment = services.round_close(round=assessment)
    results = round_results(assessment, 3)
    assert results.mean_stage == pytest.approx(8 / 3)
    assert ("Les écarts de puissance (l’asymétrie entre organisations)", 3, 0, 0) in results.factors
    evolution = body_evolution(world.body)
    assert evolution.rows == [("01/2025", "3", "0", "1", "2", "0", "0", "2,67")]


def test_outsider_gets_404_and_guest_cannot_answer(world: World) -> None:
    session = open_session(world.body)
    assert client_for(world.outsider).get(session.get_absolute_url()).status_code == 404
    answer = reverse("reflection:answer", args=[session.pk])
    assert client_for(world.guest).get(answer).status_code == 302  # back to the session


def test_member_answers_and_sees_it(world: World, member_client: Client) -> None:
    session = open_session(world.body)
    url = reverse("reflection:answer", args=[session.pk])
    data = {f"q{q.pk}": "3" if q.scale else "un mot" for q in session.questions.all()}
    assert member_client.post(url, data).status_code == 302
    page = member_client.get(session.get_absolute_url()).content.decode()
    assert "vous avez répondu" in page
    assert member_client.get(url).status_code == 302  # once only


def test_body_page_queries_do_not_grow(
    world: World, member_client: Client, django_assert_num_queries: Any
) -> None:
    url = reverse("reflection:body", args=[world.body.pk])
    member_client.get(url)
    for month in range(1, 4):
        session = open_session(world.body, date(2025, month, 1))
        for person in members(world.body, 3):
            answer_all(session, person, 3)
        services.session_close(session=session)
    with django_assert_num_queries(10) as first:  # +1: the charter in force (its rhythm)
        member_client.get(url)
    for month in range(4, 8):
        session = open_session(world.body, date(2025, month, 1))
        for person in members(world.body, 3):
            answer_all(session, person, 4)
        services.session_close(session=session)
    # session, user, visible bodies, the body, the roles, the schedule, the sessions,
    # the trend's sessions and its means: whatever the number of sessions
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(url)


def test_maturity_page_queries_do_not_grow(
    world: World, member_client: Client, django_assert_num_queries: Any
) -> None:
    url = reverse("reflection:maturity", args=[world.body.pk])

    def rounds(months: range) -> None:
        for month in months:
            assessment = open_round(world.body, date(2025, month, 1))
            for person in members(world.body, 3):
                services.maturity_answer(
                    round=assessment, person=person, stage=2, factors={}, obstacles=[], levers=[]
                )
            services.round_close(round=assessment)

    rounds(range(1, 3))
    with django_assert_num_queries(8) as first:
        member_client.get(url)
    rounds(range(3, 8))
    # session, user, the body, the roles (two permissions, read once), the rounds with
    # their answers' count, the evolution's rounds and their stages, the visible
    # bodies: whatever the number of rounds
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(url)


def test_mine_lists_waiting_sessions_in_constant_queries(
    world: World, member_client: Client, django_assert_num_queries: Any
) -> None:
    url = reverse("reflection:mine")
    for month in range(1, 3):
        open_session(world.body, date(2025, month, 1))
    with django_assert_num_queries(5) as first:
        content = member_client.get(url).content.decode()
    assert "En attente de votre réponse" in content
    for month in range(3, 9):
        open_session(world.body, date(2025, month, 1))
    # session, user, visible bodies, the sessions waiting, the bodies' sessions
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(url)


def test_session_page_queries_do_not_grow(
    world: World, member_client: Client, django_assert_num_queries: Any
) -> None:
    session = open_session(world.body)
    for person in members(world.body, 3):
        answer_all(session, person, 3, "texte")
    session = services.session_close(session=session)
    url = session.get_absolute_url()

    def add_actions(count: int) -> None:
        for index in range(count):
            services.mirror_action_add(
                session=session, actor=world.admin, title=f"Action {index}", owner=world.member
            )

    add_actions(1)
    with django_assert_num_queries(12) as first:
        member_client.get(url)
    add_actions(6)
    members(world.body, 4)
    # session, user, visible bodies, the session, its answers' count, the questions, the
    # answers, whether I answered, the roles, the actions with their owners, the pending
    # proposal and its content type: the same whatever the number of actions and members
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(url)
