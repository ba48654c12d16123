"""A term's dates. Rule: a term of n months starting on day D ends the day before its
n-month anniversary; when the anniversary does not exist (31 January + 1 month), it is
the last day of that month, and the term ends the day before it. So consecutive terms
follow each other with no gap and no overlap."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped, unused-ignore]

from elections.models import Election
from elections.services import term_dates, term_last_day


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        # The anniversary (31 February) does not exist: it is 28 February, the term
        # ends the day before.
        (date(2026, 1, 31), 1, date(2026, 2, 27)),
        (date(2028, 1, 31), 1, date(2028, 2, 28)),  # leap year: anniversary 29 February
        (date(2026, 1, 31), 3, date(2026, 4, 29)),  # 31 April → 30 April
        (date(2026, 1, 28), 1, date(2026, 2, 27)),
        # An ordinary day.
        (date(2026, 3, 15), 1, date(2026, 4, 14)),
        (date(2026, 3, 15), 12, date(2027, 3, 14)),
        (date(2026, 3, 15), 36, date(2029, 3, 14)),
        # 29 February: a year later the anniversary is 28 February.
        (date(2024, 2, 29), 1, date(2024, 3, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 27)),
        (date(2024, 2, 29), 48, date(2028, 2, 28)),
        # The first of the month ends on the last day of the month before.
        (date(2026, 1, 1), 12, date(2026, 12, 31)),
        (date(2026, 3, 1), 1, date(2026, 3, 31)),
    ],
)
def test_a_term_ends_the_day_before_its_anniversary(
    start: date, months: int, last_day: date
) -> None:
    assert term_last_day(start, months) == last_day
    election = Election(term_start=None, term_months=months)
    assert term_dates(election, start) == (start, last_day)


@pytest.mark.parametrize("start", [date(2026, 1, 31), date(2026, 3, 15), date(2024, 2, 29)])
@pytest.mark.parametrize("months", [1, 6, 12, 24])
def test_the_next_term_starts_on_the_anniversary(start: date, months: int) -> None:
    anniversary = start + relativedelta(months=months)
    assert term_last_day(start, months) + timedelta(days=1) == anniversary
    # relativedelta applies the months (clamping the day) before the days: the
    # computation suggested in review gives the same day, not 28 February.
    assert start + relativedelta(months=months, days=-1) == term_last_day(start, months)
