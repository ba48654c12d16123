"""End to end, in headless Chromium: login, the home page, inviting a person, and an
axe-core check of every page reached (no serious or critical violation). With
CODIR_SCREENSHOTS set (`make screenshots`), the pages are saved for the user guide."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in, screenshot
from conftest import World
from demo.loader import demo_load
from demo.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_login_then_home(world: World, new_page: Any) -> None:
    page = new_page()
    page.goto("/")
    assert "/connexion/" in page.url
    assert_accessible(page)
    log_in(page, world.member.email)
    assert page.get_by_role("heading", name="Mes instances").is_visible()
    assert page.get_by_role("link", name="Conférence des DGS").is_visible()
    assert_accessible(page)


def test_wrong_password_is_explained_in_french(world: World, new_page: Any) -> None:
    page = new_page()
    log_in(page, world.member.email, "pas-le-bon")
    assert "/connexion/" in page.url
    assert page.get_by_text(re.compile("adresse électronique ou mot de passe", re.I)).is_visible()
    assert page.get_by_label("Adresse électronique").input_value() == world.member.email
    assert_accessible(page)


def test_login_with_the_keyboard_alone(world: World, new_page: Any) -> None:
    page = new_page()
    page.goto("/connexion/")
    # The e-mail field has the focus on arrival: type, Tab, type, Enter.
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type(world.member.email)
    page.keyboard.press("Tab")
    page.keyboard.type("mot-de-passe-solide-42")
    # Wait for the navigation Enter starts: "networkidle" alone can be reached before it
    # begins on a loaded machine (CI), and the page is then still the login form.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Mes instances").is_visible()
    # On every page the first Tab reaches the skip link, which jumps to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_pages_fit_a_phone_screen(world: World, new_page: Any) -> None:
    page = new_page(**PHONE)
    log_in(page, world.admin.email)
    for url in (
        reverse("home:home"),
        reverse("territories:detail", args=[world.territory.pk]),
        reverse("bodies:detail", args=[world.body.pk]),
    ):
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} déborde de {overflow}px sur un téléphone"
        assert_accessible(page)


def test_administrator_invites_a_person_who_joins(world: World, new_page: Any) -> None:
    page = new_page()
    log_in(page, world.admin.email)
    page.goto(reverse("territories:detail", args=[world.territory.pk]))
    assert_accessible(page)
    page.goto(reverse("bodies:detail", args=[world.body.pk]))
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Inviter")).first.click()
    page.get_by_label("Adresse électronique").fill("nouvelle.dgs@example.fr")
    page.get_by_label("Prénom").fill("Noémie")
    page.get_by_label(re.compile(r"^Nom")).fill("Nouvelle")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Envoyer")).click()
    page.wait_for_load_state("networkidle")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/invitation/\S+/", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body
    path = "/" + link.group(0).split("/", 3)[3]

    newcomer = new_page()
    newcomer.goto(path)
    assert_accessible(newcomer)
    newcomer.get_by_label(re.compile(r"^Mot de passe")).fill("un-mot-de-passe-tres-sur-7")
    newcomer.get_by_label(re.compile("Confirmation")).fill("un-mot-de-passe-tres-sur-7")
    newcomer.get_by_role("button", name=re.compile("Rejoindre|Accepter|Créer")).click()
    newcomer.wait_for_load_state("networkidle")
    # The newcomer lands on the body they were invited to, and sits in it.
    assert newcomer.get_by_role("heading", name="Conférence des DGS", level=1).is_visible()
    assert newcomer.get_by_role("link", name="Noémie Nouvelle").first.is_visible()
    assert_accessible(newcomer)


def test_every_main_page_is_accessible(world: World, new_page: Any) -> None:
    page = new_page()
    log_in(page, world.admin.email)
    urls = [
        reverse("territories:directory", args=[world.territory.pk]) + "?q=essai",
        reverse("territories:organisation_detail", args=[world.commune.pk]),
        reverse("people:person_detail", args=[world.member.pk]),
        reverse("people:profile"),
        reverse("territories:history", args=[world.territory.pk]),
        reverse("bodies:create", args=[world.territory.pk]),
        reverse("bodies:membership_create", args=[world.body.pk]),
        reverse("territories:position_create", args=[world.commune.pk]),
        reverse("accounts:password_reset"),
    ]
    for url in urls:
        page.goto(url)
        assert page.title(), url
        assert_accessible(page)


def test_demo_territory_pages_for_the_guide(new_page: Any) -> None:
    """The demo as a newcomer sees it; `make screenshots` saves these pages for docs/."""
    territory = demo_load()
    codir = territory.bodies.get(kind="codir_strategique")
    page = new_page()
    page.goto("/connexion/")
    screenshot(page, "connexion")
    log_in(page, "claire.morvan@demo-achards.test", DEMO_PASSWORD)
    assert page.get_by_role("link", name=codir.name).is_visible()
    pages = {
        "accueil": "/",
        "territoire": reverse("territories:detail", args=[territory.pk]),
        "instance": reverse("bodies:detail", args=[codir.pk]),
        "invitation": reverse("people:invite_to_body", args=[codir.pk]),
    }
    for name, url in pages.items():
        page.goto(url)
        assert_accessible(page)
        screenshot(page, name)
    page.goto(reverse("territories:directory", args=[territory.pk]))
    page.get_by_role("searchbox").fill("petite enfance")
    # Live results through htmx: the address follows the search, other people go away.
    page.wait_for_url(re.compile(r"q=petite"))
    page.get_by_role("link", name="Nadia Poirier").wait_for(state="detached")
    assert page.get_by_role("link", name="Amandine Rocher").is_visible()
    assert_accessible(page)
    screenshot(page, "annuaire")
