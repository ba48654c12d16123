"""The arithmetic of parity of voice, without Django: shares, the equal share, the Gini
coefficient, and the successive periods of a trend. parity/selectors.py feeds it counts
read from the database; the tests check it on figures computed by hand."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def shares(counts: Mapping[K, int]) -> dict[K, float]:
    """Each key's part of the total (0 to 1); all zero when nothing was counted, so that
    a silent period reads as "nobody" rather than failing."""
    total = sum(counts.values())
    if total == 0:
        return {key: 0.0 for key in counts}
    return {key: value / total for key, value in counts.items()}


def equal_share(count: int) -> float:
    """The part each of `count` organisations would have if voice were evenly spread."""
    return 1 / count if count else 0.0


def gini(values: Iterable[float]) -> float:
    """The Gini coefficient of the values: 0 when everyone has the same, approaching 1
    when one has everything. Zeros count (an organisation that never spoke is part of the
    inequality). Computed on the sorted values, G = 2·Σ i·x(i) / (n·Σx) - (n+1)/n with i
    from 1, which equals the mean absolute difference between every pair over twice the
    mean. Defined as 0 for no values or a zero total (no inequality to measure)."""
    ordered = sorted(float(value) for value in values)
    n = len(ordered)
    total = sum(ordered)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum(index * value for index, value in enumerate(ordered, start=1))
    return max(0.0, 2 * weighted / (n * total) - (n + 1) / n)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The quarter's last day."""
        following = self.next().start
        return date.fromordinal(following.toordinal() - 1)

    @property
    def label(self) -> str:
        return f"T{self.number} {self.year}"

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters_until(day: date, count: int) -> list[Quarter]:
    """The `count` quarters ending with the one that holds `day`, oldest first."""
    quarters = [quarter_of(day)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def gini_trend(
    counts_by_quarter: Mapping[Quarter, Mapping[K, int]],
    quarters: Sequence[Quarter],
    everyone: Mapping[Quarter, Iterable[K]],
) -> list[float | None]:
    """The Gini of each quarter over the organisations measured in that quarter
    (`everyone[quarter]`, zeros included: those that sat then; any that took the floor
    is added, so no act is left out); None for a quarter where nothing was counted (no
    meeting: no figure, rather than a misleading zero)."""
    trend: list[float | None] = []
    for quarter in quarters:
        counts = counts_by_quarter.get(quarter, {})
        if not any(counts.values()):
            trend.append(None)
            continue
        keys = set(everyone.get(quarter, ())) | {key for key, value in counts.items() if value}
        trend.append(gini([counts.get(key, 0) for key in keys]))
    return trend


def sum_counts(rows: Iterable[Mapping[K, int]]) -> dict[K, int]:
    """Add several counts key by key (an organisation's proposals, hostings, …)."""
    total: dict[K, int] = {}
    for row in rows:
        for key, value in row.items():
            total[key] = total.get(key, 0) + value
    return total
