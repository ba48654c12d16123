"""Benchmark: the PDF/A of the minutes of a 20-item meeting.

Everything is built in memory (unsaved model instances): no database is needed, so the
figure is WeasyPrint's (layout, fonts, PDF/A) plus the Markdown rendering. The first run
loads the fonts; the following ones show the steady cost per export.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from meetings.models import AgendaItem, Attendance, Meeting
from minutes.drafting import draft_text
from minutes.exports import minutes_pdf
from minutes.models import Minutes
from territories.models import Territory

NOTES = (
    "Le groupe a échangé sur l'avancement du dossier, les calendriers des communes et les "
    "moyens du service commun. Chacun a pu dire ce qui bloque chez lui ; deux communes "
    "proposent de mutualiser la démarche.\n\n"
    "- relevé : calendrier partagé d'ici la prochaine réunion\n"
    "- point de vigilance : la charge des secrétaires de mairie"
)


def sample_minutes(items: int = 20, people: int = 16) -> Minutes:
    territory = Territory(name="CC du Pays d'Essai")
    body = Body(territory=territory, name="Conférence des DGS", kind=Body.Kind.STRATEGIC_CODIR)
    persons = [Person(first_name=f"Prénom{n}", last_name=f"Nom{n}") for n in range(people)]
    starts_at = timezone.now() - timedelta(days=3)
    meeting = Meeting(
        body=body,
        title="Codir",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2, minutes=30),
        place="Mairie de Saint-Essai, salle du conseil",
        status=Meeting.Status.HELD,
        secretary=persons[0],
        facilitator=persons[1],
    )
    statuses = [Attendance.Status.PRESENT] * 3 + [Attendance.Status.EXCUSED]
    attendances = [
        Attendance(meeting=meeting, person=person, status=statuses[n % len(statuses)])
        for n, person in enumerate(persons)
    ]
    agenda = [
        AgendaItem(
            meeting=meeting,
            title=f"Point {n + 1} : dossier transversal n° {n + 1}",
            kind=AgendaItem.Kind.DECISION if n % 3 == 0 else AgendaItem.Kind.INFORMATION,
            presenter=persons[n % people],
            outcome=AgendaItem.Outcome.NOTED,
            notes=NOTES,
            position=n,
        )
        for n in range(items)
    ]
    return Minutes(meeting=meeting, version=1, text=draft_text(meeting, attendances, agenda))


def bench_pdf_20_items(runs: int = 5) -> dict[str, float | int]:
    minutes = sample_minutes(items=20)
    timings = []
    size = 0
    for _run in range(runs + 1):
        started = time.perf_counter()
        size = len(minutes_pdf(minutes))
        timings.append(time.perf_counter() - started)
    warm = timings[1:]
    return {
        "items": 20,
        "runs": runs,
        "first_seconds": round(timings[0], 3),
        "median_seconds": round(statistics.median(warm), 3),
        "max_seconds": round(max(warm), 3),
        "pdf_bytes": size,
    }
