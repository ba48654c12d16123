"""A link checker for the tests: follow, as one person, every internal link of the pages
they reach, and report the links that answer 403 or 404 (a page that shows a link the
person may not open)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

# Not pages of ours to check: Django's admin, the language switch, static files.
SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/static/", "/media/")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def internal_links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.hrefs:
        if href.startswith(SKIPPED_SCHEMES):
            continue
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path and not path.startswith(SKIPPED_PREFIXES):
            links.append(path)
    return links


@dataclass
class Crawl:
    visited: dict[str, int] = field(default_factory=dict)
    # link, status (0: a malformed link), the page it was found on
    broken: list[tuple[str, int, str]] = field(default_factory=list)

    def report(self) -> str:
        return "\n".join(f"{status} {link}  (lien de {page})" for link, status, page in self.broken)


def crawl(client: Client, start: list[str], *, limit: int = 400, variants: int = 2) -> Crawl:
    """Breadth first from `start`, GET only, at most `limit` pages, and at most
    `variants` query strings of one path (filters and pages multiply otherwise)."""
    result = Crawl()
    queue: deque[tuple[str, str]] = deque((url, "(départ)") for url in start)
    seen_paths: dict[str, int] = {}
    while queue and len(result.visited) < limit:
        url, found_on = queue.popleft()
        if url in result.visited:
            continue
        path = url.split("?", 1)[0]
        if "?" in url and seen_paths.get(path, 0) >= variants:
            continue
        seen_paths[path] = seen_paths.get(path, 0) + 1
        response = client.get(url)
        result.visited[url] = response.status_code
        if response.status_code in (403, 404):
            result.broken.append((url, response.status_code, found_on))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for link in internal_links(response.content.decode(), url):
            if "??" in link:  # {% querystring %} already writes the "?"
                result.broken.append((link, 0, url))
            elif link not in result.visited:
                queue.append((link, url))
    return result
