"""The public guidance page of a territory (no login), published by its administrator:
a resident or a front-desk agent types a need, picks the commune, and reads which
organisation answers, where and how to reach it; and its one-page PDF per commune.

Only what the territory chose to make public is shown: organisations, counters,
opening hours, the counters' contacts and the guidance text; never a person, never the
internal notes. An unpublished territory is a 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from competences import selectors
from competences.search import search
from core.http import file_response
from core.pdf import html_to_pdf

MAX_QUERY = 200


@require_GET
def guide(request: HttpRequest, siren: str) -> HttpResponse:
    territory = selectors.get_published_territory(siren)
    communes = list(selectors.communes_of(territory))
    chosen = next((c for c in communes if str(c.pk) == request.GET.get("commune")), None)
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    competences = selectors.competences_of(territory)
    results = []
    scenarios = []
    scenario = None
    if chosen is not None:
        answers = {
            a.competence.pk: a for a in selectors.answers_for(territory, chosen, competences)
        }
        results = [answers[c.pk] for c in search(competences, query)]
        scenarios = selectors.scenarios_of(territory)
        picked = next((s for s in scenarios if s.code == request.GET.get("parcours")), None)
        if picked is not None:
            scenario = (picked, selectors.scenario_answers(picked, answers))
    context = {
        "territory": territory,
        "communes": communes,
        "chosen": chosen,
        "query": query,
        "results": results,
        "searched": bool(query) and chosen is not None,
        "scenarios": scenarios,
        "scenario": scenario,
    }
    return render(request, "competences/public/guide.html", context)


@require_GET
def guide_pdf(request: HttpRequest, siren: str, commune_pk: int) -> HttpResponse:
    territory = selectors.get_published_territory(siren)
    commune = selectors.get_public_commune(territory, commune_pk)
    competences = selectors.competences_of(territory)
    answers = [
        a for a in selectors.answers_for(territory, commune, competences) if a.row is not None
    ]
    html = render_to_string(
        "competences/public/sheet_pdf.html",
        {
            "territory": territory,
            "commune": commune,
            "answers": answers,
            "today": timezone.localdate(),
        },
    )
    return file_response(
        html_to_pdf(html),
        "application/pdf",
        f"qui-repond-a-quoi-{commune.insee_code or commune.pk}.pdf",
        inline=True,
    )
