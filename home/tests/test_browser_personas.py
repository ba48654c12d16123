"""A month of work for each demo persona, in headless Chromium, from the home page only:
every step starts on the home page and clicks what it offers (never a typed address).
The administrator of the territory, the elected facilitator of the codir and the
secretary of two small communes each propose an agenda item, say they come to their
next meeting, answer a round, amend the minutes under review and update an action;
each page they reach passes axe-core (no serious or critical violation)."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Person
from accounts.tests.browser import assert_accessible, log_in
from decisions.models import Turn
from demo.loader import demo_load
from demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from followup.models import Action, Status
from meetings.models import AgendaItem, Attendance
from minutes.models import MinutesAmendment

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PERSONAS = ("claire.morvan", "yannick.le-goff", "nadia.poirier")


def _home(page: Any) -> Any:
    """Back to the home page by its link in the navigation; its main region."""
    page.get_by_role("link", name="Accueil", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    return page.locator("main")


def _section(page: Any, name: str) -> Any:
    return _home(page).get_by_role("region", name=name)


def _settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    assert_accessible(page)


def _propose_an_item(page: Any, person: Person) -> None:
    _section(page, "Points à proposer").get_by_role("link").last.click()
    _settle(page)
    title = f"Point proposé par {person.full_name}"
    page.get_by_label("Intitulé").fill(title)
    page.get_by_role("button", name="Proposer ce point").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text(title).first.is_visible()
    assert AgendaItem.objects.filter(title=title, proposed_by=person).exists()


def _say_i_come(page: Any, person: Person) -> None:
    _section(page, "Vos prochaines réunions").get_by_role("link").first.click()
    _settle(page)
    page.get_by_label("Je viens").check()
    page.get_by_role("button", name="Enregistrer ma réponse").click()
    # htmx swaps the section in place: its confirmation says the answer is stored.
    page.locator("#qui-vient [role=status]").wait_for()
    meeting_pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    answer = Attendance.objects.get(person=person, meeting_id=meeting_pk)
    assert answer.reply == Attendance.Reply.COMING
    meetings = _section(page, "Vos prochaines réunions")
    assert meetings.get_by_text("vous venez").count() >= 1


def _answer_a_round(page: Any, person: Person) -> None:
    _section(page, "Propositions qui attendent votre réponse").get_by_role("link").first.click()
    _settle(page)
    page.get_by_label("Mon propos").fill("Qui assure la coordination le week-end ?")
    page.get_by_role("button", name="Envoyer mon propos").click()
    page.wait_for_load_state("networkidle")
    assert Turn.objects.filter(person=person, text__startswith="Qui assure").exists()


def _amend_the_minutes(page: Any, person: Person) -> None:
    _section(page, "Comptes-rendus à relire").get_by_role("link").first.click()
    _settle(page)
    page.get_by_role("link", name="Proposer un amendement").click()
    _settle(page)
    page.get_by_role("link", name="Amender le paragraphe 3").click()
    page.wait_for_load_state("networkidle")
    field = page.get_by_label("Nouvelle rédaction")
    field.fill(field.input_value() + ", excusée")
    page.get_by_label("Motif").fill("Elle avait prévenu de son absence.")
    page.get_by_role("button", name="Proposer l’amendement").click()
    page.wait_for_load_state("networkidle")
    assert MinutesAmendment.objects.filter(author=person).exists()


def _update_an_action(page: Any, person: Person) -> None:
    link = _section(page, "Mes actions").get_by_role("link").first
    title = link.inner_text().strip()
    link.click()
    _settle(page)
    page.get_by_label("État").select_option(label="en cours")
    page.get_by_label("Note d'avancement").fill("Premier échange avec les communes fait.")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("networkidle")
    action = Action.objects.get(title=title, owner=person)
    assert action.status == Status.IN_PROGRESS


@pytest.mark.parametrize("key", PERSONAS)
def test_a_month_of_work_from_the_home_page(key: str, new_page: Any) -> None:
    demo_load()
    person = Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")
    page = new_page()
    log_in(page, person.email, DEMO_PASSWORD)
    assert_accessible(page)
    _propose_an_item(page, person)
    _say_i_come(page, person)
    _answer_a_round(page, person)
    _amend_the_minutes(page, person)
    _update_an_action(page, person)
