"""Every page of the demo, as three people see it, fits a phone and a zoomed screen and
has no serious accessibility fault (issue 10, "Phones, contrast and the RGAA statement").

The pages are found the way a person finds them: from the home page, following the links
each page shows (the Django test client walks them: fast), keeping two pages per kind of
page (`view_name`) so that the run stays under a few minutes. Chromium then opens each one
twice and fails the test on:

- a horizontal scroll (`scrollWidth > clientWidth`) on a 390 px phone (an iPhone 12-15);
- a horizontal scroll at 1280 px zoomed to 200 %. Zooming a page doubles the CSS pixel:
  a 1280 px window at 200 % lays the page out on 640 CSS pixels, exactly as a 640 px
  viewport with a device scale factor of 2 does (same media queries, same layout, text
  drawn at the same physical size), which is how it is emulated here;
- any axe-core violation of impact "serious" or "critical" (on the phone layout, where
  the stacked tables and wrapped menus are; axe's rules do not depend on the width
  otherwise).

All the failures are gathered and shown together, each with the page and the widest
elements, so that one run tells everything to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Person
from accounts.tests.browser import SERIOUS, log_in
from codir.tests.walk import walk
from demo.loader import demo_load
from demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from meetings.live import meeting_start
from meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# The three people of the issue: the territory's administrator, an elected facilitator,
# the secretary of two small communes; with how many pages of each kind to open.
PERSONAS = (
    (f"claire.morvan@{DEMO_DOMAIN}", 2),
    (f"yannick.le-goff@{DEMO_DOMAIN}", 1),
    (f"nadia.poirier@{DEMO_DOMAIN}", 1),
)
# Pages anyone opens without logging in.
PUBLIC = ("/connexion/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/")

PHONE = {"viewport": {"width": 390, "height": 844}}
ZOOMED = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}

WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .slice(-4)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
}"""


def _problems(page: Any, url: str, label: str, axe: Any | None) -> list[str]:
    page.goto(url)
    found = []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        found.append(
            f"{url} ({label}) : défilement horizontal de {overflow} px, à cause de "
            + ", ".join(page.evaluate(WIDEST))
        )
    if axe is not None:
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = "; ".join(node["target"][0] for node in violation["nodes"][:3])
                found.append(f"{url} (axe) : {violation['id']} ({violation['impact']}) {targets}")
    return found


# Where the live page's sections stand, from the top: on a phone the current item
# comes first, then the speaking round, then everything else (codev, consent, notes).
LIVE_ORDER = """() => {
  const state = document.querySelector(".live-state");
  const current = state && state.querySelector(".live-current");
  if (!current) return null;
  const round = state.querySelector('section[aria-labelledby="live-round"]');
  const top = (el) => el.getBoundingClientRect().top;
  const others = [...state.querySelectorAll(":scope > section")]
    .filter((el) => el !== current && el !== round).map(top);
  return {current: top(current), round: round ? top(round) : null, others: others};
}"""


def _live_order_problem(page: Any, url: str) -> list[str]:
    order = page.evaluate(LIVE_ORDER)
    if order is None:
        return [f"{url} (390 px) : la réunion ouverte ne montre pas de point en cours"]
    tops = [order["current"], order["round"], *order["others"]]
    if order["round"] is None or tops[:2] != sorted(tops)[:2]:
        return [
            f"{url} (390 px) : le point en cours puis le tour de parole ne viennent pas en tête"
        ]
    return []


@pytest.fixture(autouse=True)
def _short_streams(settings: Any) -> None:
    """The live page's event stream ends within seconds of its page closing (as in
    meetings/tests/test_live_browser.py), so that no server thread outlives the test."""
    settings.CODIR_LIVE_STREAM_SECONDS = 5
    settings.CODIR_LIVE_KEEPALIVE_SECONDS = 1


@pytest.fixture
def demo(db: None) -> Iterator[str]:
    """The demo, with its next convened meeting opened live (to see the live page as
    it is during a meeting); gives that page's address."""
    demo_load()
    meeting = Meeting.objects.filter(status=Meeting.Status.CONVENED).order_by("starts_at")[0]
    meeting_start(meeting=meeting)
    yield reverse("meetings:live", args=[meeting.pk])


def test_every_page_fits_a_phone_and_200_percent_zoom_without_serious_axe_fault(
    demo: str, chromium: Any, live_server: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[str] = []
    visited = 0
    live_checked = False
    people: list[tuple[str | None, list[str]]] = [(None, list(PUBLIC))]
    for persona, per_kind in PERSONAS:
        urls = [url for url, _ in walk(Person.objects.get(email=persona), per_kind)]
        people.append((persona, [*urls, demo] if demo not in urls else urls))
    for email, urls in people:
        phone = chromium.new_context(base_url=live_server.url, locale="fr-FR", **PHONE)
        zoomed = chromium.new_context(base_url=live_server.url, locale="fr-FR", **ZOOMED)
        try:
            pages = phone.new_page(), zoomed.new_page()
            if email:
                for page in pages:
                    log_in(page, email, DEMO_PASSWORD)
            for url in urls:
                problems += _problems(pages[0], url, "390 px", axe)
                if url == demo:
                    problems += _live_order_problem(pages[0], url)
                    live_checked = True
                problems += _problems(pages[1], url, "1280 px à 200 %", None)
                visited += 1
        finally:
            phone.close()
            zoomed.close()
    # The walk did reach the pages of the issue (not only the home page).
    assert visited > 150 and live_checked
    assert not problems, f"{len(problems)} défauts :\n" + "\n".join(problems)
