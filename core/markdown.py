"""Texts that members write (minutes, proposals, decisions) are plain text or Markdown;
they are shown (and exported) as HTML that is rendered by `markdown` and then sanitised
by `nh3`, so that nothing a member types can inject markup or scripts into the page."""

from __future__ import annotations

import markdown  # type: ignore[import-untyped]  # no stubs pinned; two calls
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em",
    "blockquote", "code", "pre", "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Characters that Markdown would read as formatting in a name or a title.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def escape_markdown(value: str) -> str:
    return value.translate(_MARKDOWN_SPECIALS)


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # sanitised by nh3 just above
