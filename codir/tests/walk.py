"""Walk the pages a person reaches from the home page by following links, with the
Django test client (fast): the browser test and the French test both look at them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import Person

# Files, the administration (Django's own), the language switch, logging out and the
# live event streams are not pages to read.
NOT_PAGES = re.compile(
    r"\.(pdf|odt|ics|csv)$|/telecharger/|^/admin/|^/i18n/|^/deconnexion/|/evenements/|/flux/"
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/") and "#" not in href:
            self.hrefs.append(href)


class _Text(HTMLParser):
    """The text a reader sees: everything but scripts, styles and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def walk(person: Person, per_kind: int) -> Iterator[tuple[str, str]]:
    """(url, html) of the pages reachable from the home page, `per_kind` per view."""
    client = Client()
    client.force_login(person)
    queue, seen = ["/"], set()
    opened: dict[str, int] = {}
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or NOT_PAGES.search(path):
            continue
        seen.add(url)
        try:
            kind = resolve(path).view_name
        except Resolver404:
            continue
        if opened.get(kind, 0) >= per_kind:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        opened[kind] = opened.get(kind, 0) + 1
        html = response.content.decode()
        yield url, html
        parser = _Links()
        parser.feed(html)
        queue.extend(parser.hrefs)
