"""The arithmetic of parity on figures computed by hand (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from parity.figures import (
    Quarter,
    equal_share,
    gini,
    gini_trend,
    quarter_of,
    quarters_until,
    shares,
    sum_counts,
)


def test_shares_are_parts_of_the_total() -> None:
    # 10 + 4 + 0 = 14: 10/14 = 0.714…, 4/14 = 0.285…, 0.
    assert shares({"epci": 10, "commune": 4, "petite": 0}) == pytest.approx(
        {"epci": 10 / 14, "commune": 4 / 14, "petite": 0.0}
    )


def test_shares_of_nothing_are_zero() -> None:
    assert shares({"a": 0, "b": 0}) == {"a": 0.0, "b": 0.0}


def test_equal_share() -> None:
    assert equal_share(3) == pytest.approx(1 / 3)
    assert equal_share(0) == 0.0


def test_gini_by_hand() -> None:
    # [0, 4, 10], sorted, n = 3, total 14, Σ i·x = 1·0 + 2·4 + 3·10 = 38:
    # G = 2·38 / (3·14) - 4/3 = 76/42 - 56/42 = 20/42 ≈ 0.476.
    # Check by the pairs: |0-4| + |0-10| + |4-10| = 20, counted both ways 40, over
    # 2·n²·mean = 2·9·(14/3) = 84: 40/84 = 20/42.
    assert gini([10, 0, 4]) == pytest.approx(20 / 42)


def test_gini_one_voice_among_three() -> None:
    # [0, 0, 9]: Σ i·x = 3·9 = 27; G = 2·27/(3·9) - 4/3 = 2 - 4/3 = 2/3 (the most
    # unequal value with three organisations is (n-1)/n).
    assert gini([0, 9, 0]) == pytest.approx(2 / 3)


def test_gini_of_equals_and_of_nothing_is_zero() -> None:
    assert gini([5, 5, 5]) == pytest.approx(0.0)
    assert gini([]) == 0.0
    assert gini([0, 0]) == 0.0


def test_quarters() -> None:
    assert quarter_of(date(2026, 2, 10)) == Quarter(2026, 1)
    assert quarter_of(date(2026, 12, 31)) == Quarter(2026, 4)
    assert [q.label for q in quarters_until(date(2026, 2, 10), 3)] == [
        "T3 2025",
        "T4 2025",
        "T1 2026",
    ]
    assert Quarter(2026, 3).start == date(2026, 7, 1)


def test_gini_trend_leaves_silent_quarters_blank() -> None:
    q1, q2, q3 = Quarter(2026, 1), Quarter(2026, 2), Quarter(2026, 3)
    counts = {q1: {"a": 3, "b": 3}, q3: {"a": 4}}
    # q1: a and b equal, c silent: [0, 3, 3] -> Σ i·x = 2·3 + 3·3 = 15;
    #     G = 2·15/(3·6) - 4/3 = 30/18 - 24/18 = 1/3.
    # q2: nothing counted -> None. q3: [0, 0, 4] -> 2/3.
    everyone = {q: ["a", "b", "c"] for q in (q1, q2, q3)}
    trend = gini_trend(counts, [q1, q2, q3], everyone)
    assert trend[0] == pytest.approx(1 / 3)
    assert trend[1] is None
    assert trend[2] == pytest.approx(2 / 3)


def test_gini_trend_measures_each_quarter_with_its_own_organisations() -> None:
    q1, q2 = Quarter(2026, 1), Quarter(2026, 2)
    counts = {q1: {"a": 4}, q2: {"a": 4}}
    # q1: a, b and c sat: [0, 0, 4] -> 2/3. q2: c had left, a and b sat: [0, 4] -> 1/2.
    # An organisation that acted without sitting is measured all the same (q2's "d").
    trend = gini_trend(counts, [q1, q2], {q1: ["a", "b", "c"], q2: ["a", "b"]})
    assert trend == [pytest.approx(2 / 3), pytest.approx(1 / 2)]
    with_d = gini_trend({q2: {"a": 4, "d": 4}}, [q2], {q2: ["a", "b"]})
    assert with_d == [pytest.approx(1 / 3)]  # [0, 4, 4] -> 2·(2·4+3·4)/(3·8) - 4/3 = 1/3


def test_quarter_end() -> None:
    assert Quarter(2026, 1).end == date(2026, 3, 31)
    assert Quarter(2026, 4).end == date(2026, 12, 31)


def test_sum_counts() -> None:
    assert sum_counts([{"a": 1}, {"a": 2, "b": 1}]) == {"a": 3, "b": 1}
