"""Helpers for the browser tests: log in, check accessibility, take doc screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from accounts.tests.factories import DEFAULT_PASSWORD

SERIOUS = {"serious", "critical"}


def log_in(page: Any, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto("/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state("networkidle")


def assert_accessible(page: Any) -> None:
    """No serious or critical axe-core violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} → "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]
    assert not problems, f"{page.url}\n" + "\n".join(problems)


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot for the user guide when `make screenshots` asks for it."""
    folder = os.environ.get("CODIR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
