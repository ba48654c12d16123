"""The month view of "Mon agenda" in a browser: a table on a screen, a list of the days
that have something on a phone (390 px), never scrolling sideways; the meeting page's
"Qui vient ?" answered with htmx."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.browser import assert_accessible, log_in
from conftest import World
from meetings.models import Attendance, Meeting
from meetings.tests.factories import MeetingFactory, local_datetime

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _overflows(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))


def test_month_is_a_table_on_a_screen_and_a_list_on_a_phone(world: World, new_page: Any) -> None:
    day = timezone.localdate() + timedelta(days=3)
    start = local_datetime(day, time(9, 30))
    MeetingFactory.create(
        body=world.body, starts_at=start, ends_at=start + timedelta(hours=2), title="Codir"
    )
    month = f"{day:%Y-%m}"
    wide = new_page()
    log_in(wide, world.member.email)
    wide.goto(reverse("meetings:my_calendar") + f"?mois={month}")
    assert wide.locator(".month-grid thead").is_visible()
    assert wide.locator(".month-grid td.month-empty").first.is_visible()
    assert not _overflows(wide)
    assert_accessible(wide)

    phone = new_page(width=390, height=800)
    log_in(phone, world.member.email)
    phone.goto(reverse("meetings:my_calendar") + f"?mois={month}")
    assert not _overflows(phone)
    assert not phone.locator(".month-grid td.month-empty").first.is_visible()
    cell = phone.locator(".month-grid td", has=phone.get_by_role("link", name="09:30 Codir"))
    assert cell.is_visible() and cell.locator(".month-weekday").is_visible()


def test_member_says_they_come_with_htmx(world: World, new_page: Any) -> None:
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.CONVENED)
    page = new_page(width=390, height=800)
    log_in(page, world.member.email)
    page.goto(meeting.get_absolute_url())
    page.get_by_label("Je viens").check()
    page.get_by_role("button", name="Enregistrer ma réponse").click()
    page.get_by_text("Votre réponse est enregistrée : vous venez.").wait_for()
    assert page.url.endswith(meeting.get_absolute_url())  # swapped in place
    assert Attendance.objects.get(meeting=meeting, person=world.member).reply == "coming"
    assert not _overflows(page)
    assert_accessible(page)


# Words of the month's links that a line break cuts in two without a hyphen ("Groupemen|t").
_CUT_WORDS = """
() => {
  const cut = [];
  for (const link of document.querySelectorAll('.month-grid a')) {
    const text = link.firstChild;
    const re = /[\\p{L}'’]+/gu;
    let m;
    while ((m = re.exec(text.data)) !== null) {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) {
        cut.push(m[0]);
      }
    }
  }
  return cut;
}
"""


def test_the_month_never_cuts_a_word_in_two(world: World, new_page: Any) -> None:
    # The reported defect: "Groupemen / t de commandes" in the day's cell at 1280 px.
    day = timezone.localdate() + timedelta(days=3)
    start = local_datetime(day, time(14, 0))
    MeetingFactory.create(
        body=world.body,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        title="Groupement de commandes : fournitures et produits d’entretien",
    )
    for width in (1280, 390):
        page = new_page(width=width, height=900)
        log_in(page, world.member.email)
        page.goto(reverse("meetings:my_calendar") + f"?mois={day:%Y-%m}")
        assert page.evaluate(_CUT_WORDS) == []
        wrap = "getComputedStyle(document.querySelector('.month-grid td')).overflowWrap"
        assert page.evaluate(wrap) == "break-word"
        assert not _overflows(page)
