import re

from core.charts import bar_chart, csv_response, french_number, line_chart


def test_bar_chart_gives_its_figures_as_a_table_and_escapes_labels():
    chart = bar_chart(
        "Parts",
        [("<b>Martinet</b>", 0.5), ("Le Girouard", 0.25)],
        label_column="Organisation",
        value_column="Part",
        reference=1 / 3,
        reference_label="Part égale",
        percent=True,
    )
    assert chart.rows == (("<b>Martinet</b>", "50\u202f%"), ("Le Girouard", "25\u202f%"))
    assert "&lt;b&gt;Martinet" in chart.svg and "<b>" not in chart.svg
    assert 'class="chart-reference"' in chart.svg
    assert chart.notes == ("Part égale : 33\u202f%",)


def test_line_chart_breaks_on_a_missing_value_and_fills_the_table():
    chart = line_chart(
        "Tendance", ["2025", "2026", "2027"], [("Moyenne", [2.0, None, 3.5])], x_column="Année"
    )
    assert chart.rows == (("2025", "2"), ("2026", "—"), ("2027", "3,5"))
    path = re.search(r' d="([^"]+)"', chart.svg)
    assert path is not None and path.group(1).count("M") == 2  # the gap is not bridged
    assert chart.svg.count("<circle") == 2


def test_csv_neutralises_formulas_and_opens_in_french_spreadsheets():
    response = csv_response("x.csv", ["Nom"], [["=HYPERLINK(1)"], ["Martinet"]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffNom\r\n'=HYPERLINK(1)\r\nMartinet")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_french_number():
    assert french_number(1234.5) == "1\u202f234,5"
    assert french_number(3.0) == "3"
    assert french_number(12, 0) == "12"
