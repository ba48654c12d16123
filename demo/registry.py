"""Every app's demo, in the order the loader runs them (demo/loader.py).

Each app keeps its demo in its own module (`<app>/demo.py`, `<app>/*_demo.py` or `<app>/demo/`): a
function of the territory that adds what is missing and leaves the rest alone. The
people, bodies and seats exist before the first step runs. A step comes after the steps
whose records it reads; each `why` says which. Adding an app's demo is one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from competences.demo import demo_competences
from decisions.demo.governance import demo_charter, demo_framework
from decisions.demo.proposals import demo_proposals
from decisions.demo.register import demo_register
from demo.home_demo import demo_week_ahead
from documents.demo import demo_documents
from elections.demo import demo_election_day, demo_elections
from followup.demo import demo_followup
from meetings.agenda_demo import demo_agenda
from meetings.demo import demo_meetings
from meetings.rsvp_demo import demo_replies
from minutes.demo import demo_minutes
from networks.demo import demo_networks
from parity.demo import demo_parity
from reflection.demo import demo_reflection
from territories.models import Territory


@dataclass(frozen=True)
class DemoStep:
    name: str
    load: Callable[[Territory], object]
    why: str  # why it runs here: what it needs from the steps before it


def register_and_election(territory: Territory) -> None:
    """The register's past entries with the facilitator's election among them: the
    election is recorded when the register reaches its day, so that the register's
    numbers follow the dates."""
    election_day = demo_election_day(territory)

    def elect_in_date_order(day: date) -> None:
        if election_day is not None and day > election_day:
            demo_elections(territory)

    demo_register(territory, before=elect_in_date_order)
    demo_elections(territory)  # when no register entry comes after it


STEPS: tuple[DemoStep, ...] = (
    DemoStep(
        "charter",
        demo_charter,
        "The codir's charter, adopted by consent: the meetings are planned from it.",
    ),
    DemoStep(
        "meetings",
        demo_meetings,
        "The codir's year of meetings, planned from the charter: later steps hang on them.",
    ),
    DemoStep("agenda", demo_agenda, "Items on the meetings that the previous step planned."),
    DemoStep(
        "replies",
        demo_replies,
        "Who said they come to the meeting the previous step convened.",
    ),
    DemoStep("documents", demo_documents, "Documents shared with the items of the next meeting."),
    DemoStep(
        "framework",
        demo_framework,
        "The reference framework adopted by consent: the register's entries are on its objects.",
    ),
    DemoStep(
        "register",
        register_and_election,
        "Past decisions on the framework's objects (one treated in the last held meeting), "
        "with the facilitator's election in date order.",
    ),
    DemoStep(
        "minutes",
        demo_minutes,
        "Minutes of the held meetings, written from their items and the register entries "
        "adopted in them: after the register.",
    ),
    DemoStep("followup", demo_followup, "Actions and communes' rows on the register's decisions."),
    DemoStep("networks", demo_networks, "Actors around the territory; needs only the people."),
    DemoStep(
        "parity",
        demo_parity,
        "The codir's meetings before its charter, run by the EPCI and the largest commune: "
        "after the steps whose meetings it must not disturb (minutes, follow-up).",
    ),
    DemoStep(
        "reflection", demo_reflection, "Mirror sessions and maturity; its actions join the board."
    ),
    DemoStep(
        "competences",
        demo_competences,
        "Who answers what in the communes; its ruptures link to the codir's next meeting.",
    ),
    DemoStep(
        "proposals",
        demo_proposals,
        "Today's open consent round, on a framework object; after the past records.",
    ),
    DemoStep(
        "week ahead",
        demo_week_ahead,
        "This week's convened meetings, an open agenda and a new round, so that every "
        "persona's home page shows what needs them whatever the day; last: one-off "
        "meetings beside the charter's, a proposal after the demo's other one.",
    ),
)
