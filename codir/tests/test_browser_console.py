"""The browser tests fail on any console error: a CSP violation, a script error."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.tests.browser import log_in
from conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.console_errors
def test_an_inline_style_is_refused_and_reported(world: World, new_page: Any) -> None:
    """The policy forbids inline styles; the watcher of `new_page` sees the violation
    (this test opts out of failing on it, and checks it was seen)."""
    page = new_page()
    seen: list[tuple[str, str]] = []
    page.on("console", lambda message: seen.append((message.type, message.text)))
    log_in(page, world.member.email)
    page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'body{color:red}';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    # Reported as a console error: the type `new_page` fails the tests on.
    assert any(kind == "error" and "Content Security Policy" in text for kind, text in seen), seen


def test_htmx_needs_nothing_inline(world: World, new_page: Any) -> None:
    """htmx is configured not to inject its indicator style; the stylesheet has it. A
    search in the directory (an htmx request with an indicator) logs no violation."""
    page = new_page()
    log_in(page, world.member.email)
    page.goto(f"/territoires/{world.territory.pk}/annuaire/")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    with page.expect_response(lambda response: "annuaire" in response.url):
        page.get_by_label("Rechercher dans l’annuaire").fill("Marc")
    page.wait_for_timeout(300)
    indicator = page.locator("#recherche-en-cours")
    assert indicator.evaluate("node => getComputedStyle(node).opacity") == "0"
