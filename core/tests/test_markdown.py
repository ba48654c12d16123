"""Markdown that members write is rendered, then sanitised: no markup of theirs reaches
the page."""

from __future__ import annotations

from core.markdown import escape_markdown, render_markdown


def test_markdown_is_rendered() -> None:
    html = render_markdown("## Point\n\n- **un**\n- deux")
    assert "<h2>Point</h2>" in html
    assert "<strong>un</strong>" in html


def test_scripts_and_event_handlers_are_removed() -> None:
    html = render_markdown("Avant <script>alert(1)</script> <img src=x onerror=alert(2)> après")
    assert "<script" not in html
    assert "onerror" not in html
    assert "<img" not in html


def test_links_keep_safe_schemes_only_and_open_no_window_reference() -> None:
    html = render_markdown("[site](https://example.fr) [piège](javascript:alert(1))")
    assert 'href="https://example.fr"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "javascript:" not in html


def test_escaped_names_are_not_read_as_formatting() -> None:
    name = "Le_Goff *[test]*"
    assert render_markdown(escape_markdown(name)) == f"<p>{name}</p>"
