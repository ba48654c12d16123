"""The parity page's pictures and tables, each also a CSV file: the same columns and
rows on the page and in the download. The page shows the long tables a page of rows at
a time and the share chart's first bars, so that its size does not grow with the number
of seats and organisations; the CSV files stay complete."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.translation import gettext as _

from core.charts import Chart, bar_chart, french_number, line_chart
from parity.report import QUIET_KEYS, Report, Row

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def percent(value: float) -> str:
    return f"{french_number(value * 100, 1)}\u202f%"


def gini_text(value: float) -> str:
    return french_number(value, 2)


ROWS_PER_PAGE = 25
CHART_BARS = 20


def share_chart(report: Report, limit: int | None = CHART_BARS) -> Chart:
    """The organisations' shares, largest first: the first `limit` bars on the page (all
    of them with None, for the CSV file)."""
    rows = report.organisations if limit is None else report.organisations[:limit]
    chart = bar_chart(
        _("Part de chaque organisation dans les prises d’initiative"),
        [(row.label, row.share) for row in rows],
        value_column=_("Part"),
        label_column=_("Organisation"),
        reference=report.equal_share,
        reference_label=_("part égale"),
        percent=True,
        summary=_("Indice de Gini : %(gini)s (0 : parité parfaite ; 1 : une seule voix).")
        % {"gini": gini_text(report.gini)},
    )
    if len(rows) == len(report.organisations):
        return chart
    note = _(
        "Les %(shown)s plus grandes parts sur %(count)s organisations : toutes figurent "
        "dans le tableau par organisation et dans le fichier CSV."
    ) % {"shown": len(rows), "count": len(report.organisations)}
    return dataclasses.replace(chart, notes=(*chart.notes, note))


def trend_chart(report: Report) -> Chart:
    return line_chart(
        _("Évolution de l’indice de Gini, trimestre par trimestre"),
        report.trend_labels,
        [
            (_("toutes les prises d’initiative"), report.trend),
            (_("points proposés"), report.trend_proposed),
        ],
        x_column=_("Trimestre"),
        y_max=1,
        summary=_("Plus la courbe descend, plus la parole est également partagée."),
    )


def _activity_table(report: Report, rows: list[Row], first: str, second: str) -> Table:
    columns = (
        first,
        second,
        *(str(activity.label) for activity in report.activities),
        _("Prises d’initiative"),
        _("Part"),
    )
    body = [
        (
            row.label,
            row.detail,
            *("—" if count is None else str(count) for count in row.counts),
            str(row.total),
            percent(row.share),
        )
        for row in rows
    ]
    return columns, body


def organisations_table(report: Report) -> Table:
    return _activity_table(report, report.organisations, _("Organisation"), _("Taille"))


def people_table(report: Report) -> Table:
    return _activity_table(report, report.people, _("Personne"), _("Au titre de"))


def sizes_table(report: Report) -> Table:
    columns: tuple[str, ...] = (
        _("Taille d’organisation"),
        _("Organisations"),
        _("Part égale attendue"),
        _("Prises d’initiative"),
        _("Part réelle"),
    )
    rows: list[tuple[str, ...]] = [
        (
            row.label,
            str(row.organisations),
            percent(row.expected),
            str(row.total),
            percent(row.share),
        )
        for row in report.size_classes
    ]
    return columns, rows


QUIET_LABELS = {
    "proposed": lambda: _("N’a pas proposé de point"),
    "hosted": lambda: _("N’a pas accueilli"),
    "facilitated": lambda: _("N’a pas animé"),
}


def quiet_table(report: Report) -> Table:
    """The member organisations silent in at least one way over the twelve months that
    end with the period."""
    names: dict[int, str] = {}
    for organisations in report.quiet.values():
        for organisation in organisations:
            names[organisation.pk] = organisation.name
    silent = {key: {o.pk for o in report.quiet[key]} for key in QUIET_KEYS}
    columns = (_("Organisation"), *(QUIET_LABELS[key]() for key in QUIET_KEYS))
    rows = [
        (name, *(_("oui") if pk in silent[key] else "" for key in QUIET_KEYS))
        for pk, name in sorted(names.items(), key=lambda item: item[1].casefold())
    ]
    return columns, rows


TABLES: dict[str, Callable[[Report], Table]] = {
    "parts": lambda report: _chart_table(share_chart(report, limit=None)),
    "tendance": lambda report: _chart_table(trend_chart(report)),
    "organisations": organisations_table,
    "personnes": people_table,
    "tailles": sizes_table,
    "silencieuses": quiet_table,
}


def _chart_table(chart: Chart) -> Table:
    return chart.columns, list(chart.rows)


# The tables the page shows as tables (the two others are the charts' own), each with
# the section it sits in (the anchor its page links come back to).
PAGE_TABLES = {
    "organisations": "par-organisation",
    "personnes": "par-personne",
    "tailles": "par-taille",
    "silencieuses": "silencieuses",
}


@dataclass(frozen=True)
class PagedTable:
    """One page of a table's rows, with the addresses of the pages around it: the
    address keeps the period and the other tables' pages (`?personnes=2&…`)."""

    columns: tuple[str, ...]
    page: Page[tuple[str, ...]]
    previous_url: str
    next_url: str

    @property
    def rows(self) -> list[tuple[str, ...]]:
        return list(self.page.object_list)


def paged_table(name: str, table: Table, query: QueryDict) -> PagedTable:
    """The page of `table` the address asks for (`?<name>=N`; the first page when N is
    not a number, the last when it is past the end)."""
    columns, rows = table
    page = Paginator(rows, ROWS_PER_PAGE).get_page(query.get(name))

    def url(number: int) -> str:
        moved = query.copy()
        moved[name] = str(number)
        return f"?{moved.urlencode()}#{PAGE_TABLES[name]}"

    return PagedTable(
        columns=columns,
        page=page,
        previous_url=url(page.previous_page_number()) if page.has_previous() else "",
        next_url=url(page.next_page_number()) if page.has_next() else "",
    )
