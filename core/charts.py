"""Charts drawn on the server as SVG, each with the table it is drawn from.

A chart is a picture for those who would rather look than read; the same figures are
always given as a table (for screen readers, and for whoever wants the numbers) and as a
CSV file. The SVG carries no script and no inline style: its colours come from classes
that `static/css/codir.css` defines (`.chart-*`), so the Content Security Policy holds and
the contrast test sees them. Include it with `{% include "core/_chart.html" %}`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.text import neutralise_cell

# Room for the labels on the left of a bar chart and under a line chart, in SVG units.
BAR_LABEL_WIDTH = 220
BAR_HEIGHT = 22
BAR_GAP = 8
CHART_WIDTH = 640
LINE_HEIGHT = 240
SERIES_CLASSES = 4  # .chart-series-0 … -3 in codir.css; more series reuse them


@dataclass(frozen=True)
class Chart:
    """What a page shows: the picture, its caption, and the table it is drawn from."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    svg: SafeString
    summary: str = ""  # one sentence a reader gets before the picture ("Gini 0,42")
    notes: tuple[str, ...] = field(default_factory=tuple)
    legend: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (css class, name)

    def csv_response(self, filename: str) -> HttpResponse:
        return csv_response(filename, self.columns, self.rows)


def csv_response(
    filename: str, columns: Sequence[str], rows: Sequence[Sequence[str]]
) -> HttpResponse:
    """UTF-8 with a byte order mark and `;` between fields, what French spreadsheets open
    without an import dialog; every cell neutralised (labels are typed by users)."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_cell(str(cell)) for cell in columns])
    for row in rows:
        writer.writerow([neutralise_cell(str(cell)) for cell in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def french_number(value: float, digits: int = 1) -> str:
    """1 234,5: the decimal comma and a narrow no-break space between thousands."""
    text = f"{value:,.{digits}f}" if digits else f"{round(value):,}"
    text = text.replace(",", "\u202f").replace(".", ",")
    if digits:  # 3,50 -> 3,5 and 3,0 -> 3
        text = text.rstrip("0").rstrip(",")
    return text


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    """The picture is described by its title; the table beside it gives the figures, so
    the drawing itself is hidden from screen readers' browse mode only through role=img."""
    head = format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg" focusable="false">',
        width,
        height,
        title,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # the parts were built escaped


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, float]],
    *,
    value_column: str,
    label_column: str,
    reference: float | None = None,
    reference_label: str = "",
    percent: bool = False,
    summary: str = "",
) -> Chart:
    """Horizontal bars, one per (label, value), longest scale first as given. A
    `reference` (an equal share, say) is drawn as a dashed line across the bars and named
    under the chart."""
    top = max([value for _, value in bars] + [reference or 0, 0.0001])
    plot = CHART_WIDTH - BAR_LABEL_WIDTH - 60
    height = len(bars) * (BAR_HEIGHT + BAR_GAP) + (30 if reference is not None else 10)
    body: list[str] = []
    for index, (label, value) in enumerate(bars):
        y = 5 + index * (BAR_HEIGHT + BAR_GAP)
        length = plot * value / top
        shown = _shown(value, percent)
        body.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" rx="2"/>'
                '<text class="chart-value" x="{}" y="{}">{}</text>',
                BAR_LABEL_WIDTH - 8,
                y + BAR_HEIGHT * 0.72,
                _clip(label),
                BAR_LABEL_WIDTH,
                y,
                f"{length:.1f}",
                BAR_HEIGHT,
                f"{BAR_LABEL_WIDTH + length + 6:.1f}",
                y + BAR_HEIGHT * 0.72,
                shown,
            )
        )
    notes: tuple[str, ...] = ()
    if reference is not None:
        x = BAR_LABEL_WIDTH + plot * reference / top
        bottom = height - 22
        body.append(
            format_html(
                '<line class="chart-reference" x1="{x}" y1="0" x2="{x}" y2="{b}"/>'
                '<text class="chart-label" x="{x}" y="{t}" text-anchor="middle">{label}</text>',
                x=f"{x:.1f}",
                b=bottom,
                t=bottom + 16,
                label=f"{reference_label} ({_shown(reference, percent)})",
            )
        )
        notes = (f"{reference_label} : {_shown(reference, percent)}",)
    rows = tuple((label, _shown(value, percent)) for label, value in bars)
    return Chart(
        title=title,
        columns=(label_column, value_column),
        rows=rows,
        svg=_svg(CHART_WIDTH, height, title, body),
        summary=summary,
        notes=notes,
    )


def line_chart(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    x_column: str,
    y_max: float | None = None,
    percent: bool = False,
    summary: str = "",
) -> Chart:
    """One line per series over the same `x_labels` (sessions, years); a missing value
    (None) breaks the line. The table has one row per x and one column per series."""
    values = [v for _, points in series for v in points if v is not None]
    top = y_max if y_max is not None else max([*values, 0.0001])
    left, right, upper, lower = 50, 50, 15, 40  # room for half a label on each side
    plot_w, plot_h = CHART_WIDTH - left - right, LINE_HEIGHT - upper - lower
    step = plot_w / max(len(x_labels) - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return left + i * step, upper + plot_h * (1 - v / top)

    body: list[str] = [
        format_html(
            '<line class="chart-axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/>'
            '<text class="chart-label" x="{tx}" y="{ty}" text-anchor="end">{top}</text>'
            '<text class="chart-label" x="{tx}" y="{b}" text-anchor="end">0</text>',
            l=left,
            r=CHART_WIDTH - right,
            b=upper + plot_h,
            tx=left - 6,
            ty=upper + 5,
            top=_shown(top, percent),
        )
    ]
    for i, label in enumerate(x_labels):
        body.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{left + i * step:.1f}",
                LINE_HEIGHT - 18,
                _clip(label, 14),
            )
        )
    for number, (_name, points) in enumerate(series):
        css = f"chart-series-{number % SERIES_CLASSES}"
        coords = [(i, point(i, v)) for i, v in enumerate(points) if v is not None]
        path = " ".join(
            f"{'M' if k == 0 or coords[k - 1][0] != i - 1 else 'L'}{x:.1f},{y:.1f}"
            for k, (i, (x, y)) in enumerate(coords)
        )
        body.append(format_html('<path class="chart-line {}" d="{}"/>', css, path))
        for _, (x, y) in coords:
            body.append(
                format_html(
                    '<circle class="chart-dot {}" cx="{}" cy="{}" r="4"/>',
                    css,
                    f"{x:.1f}",
                    f"{y:.1f}",
                )
            )
    rows = tuple(
        (
            label,
            *(_shown(points[i], percent) if points[i] is not None else "—" for _, points in series),
        )
        for i, label in enumerate(x_labels)
    )
    legend = tuple(name for name, _ in series)
    return Chart(
        title=title,
        columns=(x_column, *legend),
        rows=rows,
        svg=_svg(CHART_WIDTH, LINE_HEIGHT, title, body),
        summary=summary,
        legend=tuple((legend_class(i), name) for i, name in enumerate(legend))
        if len(legend) > 1
        else (),
    )


def _shown(value: float | None, percent: bool) -> str:
    if value is None:
        return "—"
    if percent:
        return f"{french_number(value * 100, 0)}\u202f%"
    return french_number(value, 0 if float(value).is_integer() else 2)


def _clip(label: str, length: int = 30) -> str:
    """Long names are cut in the picture only; the table keeps them whole."""
    return label if len(label) <= length else label[: length - 1] + "…"


def legend_class(index: int) -> str:
    return f"chart-series-{index % SERIES_CLASSES}"


__all__ = [
    "Chart",
    "bar_chart",
    "csv_response",
    "french_number",
    "legend_class",
    "line_chart",
]
