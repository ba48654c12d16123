"""The threshold, the results and the trends (values checked by hand)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import client_for
from reflection import services
from reflection.maturity import body_evolution, round_results, stage_distribution
from reflection.selectors import body_trend, compute_trends, session_results
from reflection.tests.factories import answer_all, members, open_round, open_session

pytestmark = pytest.mark.django_db


def test_no_result_below_the_threshold(world) -> None:
    session = open_session(world.body)
    people = members(world.body, 3)
    for person in people[:2]:
        answer_all(session, person, 5, "secret")
    results = session_results(session, 2)
    assert not results.visible and results.questions == []
    content = client_for(world.member).get(session.get_absolute_url()).content.decode()
    assert "secret" not in content
    answer_all(session, people[2], 2, "autre")
    results = session_results(session, 3)
    scale = [r for r in results.questions if r.question.scale][0]
    assert scale.distribution == [0, 1, 0, 0, 2]
    assert scale.mean == pytest.approx(4.0)  # (2 + 5 + 5) / 3


@override_settings(CODIR_MIRROR_MIN_ANSWERS=5)
def test_the_threshold_comes_from_settings(world) -> None:
    session = open_session(world.body)
    for person in members(world.body, 4):
        answer_all(session, person, 3)
    assert not session_results(session, 4).visible


def test_compute_trends_by_hand() -> None:
    means = {(0, "a"): 2.0, (1, "a"): 3.5, (0, "b"): 4.0, (2, "b"): 3.0}
    trends = compute_trends(["s1", "s2", "s3"], means, {"a": "A", "b": "B"})
    assert trends[0].values == [2.0, 3.5, None]
    assert trends[0].change is None  # not asked the last time
    assert trends[1].values == [4.0, None, 3.0]
    assert trends[1].change == -1.0  # 3.0 - 4.0, skipping the session without it


def test_body_trend_follows_the_sessions(world) -> None:
    people = members(world.body, 3)
    first = open_session(world.body, date(2025, 6, 1))
    for person, value in zip(people, (1, 2, 3), strict=True):
        answer_all(first, person, value)
    second = open_session(world.body, date(2026, 1, 1))
    for person, value in zip(people, (4, 4, 5), strict=True):
        answer_all(second, person, value)
    trend = body_trend(world.body)
    assert trend.session_labels == ["06/2025", "01/2026"]
    framework = next(t for t in trend.trends if t.label.startswith("Où en est-on"))
    assert framework.values == [2.0, 4.33]  # (1+2+3)/3 and (4+4+5)/3
    assert framework.change == 2.33
    assert trend.chart is not None and trend.chart.rows[1][0] == "01/2026"


def test_maturity_distribution_and_evolution(world) -> None:
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
    results = round_results(assessment, 3)
    assert results.mean_stage == pytest.approx(8 / 3)
    assert ("Les écarts de puissance (l’asymétrie entre organisations)", 3, 0, 0) in results.factors
    evolution = body_evolution(world.body)
    assert evolution.rows == [("01/2025", "3", "0", "1", "2", "0", "0", "2,67")]


def test_outsider_gets_404_and_guest_cannot_answer(world) -> None:
    session = open_session(world.body)
    assert client_for(world.outsider).get(session.get_absolute_url()).status_code == 404
    answer = reverse("reflection:answer", args=[session.pk])
    assert client_for(world.guest).get(answer).status_code == 302  # back to the session


def test_member_answers_and_sees_it(world, member_client) -> None:
    session = open_session(world.body)
    url = reverse("reflection:answer", args=[session.pk])
    data = {f"q{q.pk}": "3" if q.scale else "un mot" for q in session.questions.all()}
    assert member_client.post(url, data).status_code == 302
    page = member_client.get(session.get_absolute_url()).content.decode()
    assert "vous avez répondu" in page
    assert member_client.get(url).status_code == 302  # once only


def test_body_page_queries_do_not_grow(world, member_client, django_assert_num_queries) -> None:
    url = reverse("reflection:body", args=[world.body.pk])
    member_client.get(url)
    for month in range(1, 4):
        session = open_session(world.body, date(2025, month, 1))
        for person in members(world.body, 3):
            answer_all(session, person, 3)
    with django_assert_num_queries(9) as first:
        member_client.get(url)
    for month in range(4, 8):
        session = open_session(world.body, date(2025, month, 1))
        for person in members(world.body, 3):
            answer_all(session, person, 4)
    # session, user, visible bodies, the body, the roles, the schedule, the sessions,
    # the trend's sessions and its means: whatever the number of sessions
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(url)
