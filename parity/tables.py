"""The parity page's pictures and tables, each also a CSV file: the same columns and
rows on the page and in the download."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from core.charts import Chart, bar_chart, french_number, line_chart
from parity.report import QUIET_KEYS, Report, Row

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]


def percent(value: float) -> str:
    return f"{french_number(value * 100, 1)}\u202f%"


def gini_text(value: float) -> str:
    return french_number(value, 2)


def share_chart(report: Report) -> Chart:
    bars = [(row.label, row.share) for row in report.organisations]
    return bar_chart(
        _("Part de chaque organisation dans les prises d’initiative"),
        bars,
        value_column=_("Part"),
        label_column=_("Organisation"),
        reference=report.equal_share,
        reference_label=_("part égale"),
        percent=True,
        summary=_("Indice de Gini : %(gini)s (0 : parité parfaite ; 1 : une seule voix).")
        % {"gini": gini_text(report.gini)},
    )


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
    "parts": lambda report: _chart_table(share_chart(report)),
    "tendance": lambda report: _chart_table(trend_chart(report)),
    "organisations": organisations_table,
    "personnes": people_table,
    "tailles": sizes_table,
    "silencieuses": quiet_table,
}


def _chart_table(chart: Chart) -> Table:
    return chart.columns, list(chart.rows)


# The tables the page shows as tables (the two others are the charts' own).
PAGE_TABLES = ("organisations", "personnes", "tailles", "silencieuses")
