"""The minutes as numbered paragraphs, as members read them, for amendments.

Members amend what they see, never the Markdown source: they choose a paragraph (each
heading, paragraph and list item is one, numbered like OpenSlides' lines) and edit its
displayed text, or paste a passage copied from the page. Here the source is cut into
those paragraphs, each with its displayed text and, for every displayed character, the
stretch of source it comes from; an edit of the displayed text is carried back into the
source word by word, so that the formatting around unchanged words (**Issue**, a
heading's ###) stays where it was and the new words are escaped.

When a paragraph's markup is beyond this small reader (a table, a link with a title),
the displayed text the page shows is still what the member edits; the paragraph is then
rewritten whole, keeping its heading or list marker.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.diff import TOKENS, word_diff
from core.markdown import escape_markdown, render_markdown

# What opens a block: a heading, a list item, a quotation.
_PREFIX = re.compile(r"^(#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)")
_ITEM = re.compile(r"^([-*+]|\d{1,9}[.)])[ \t]+")
_ESCAPABLE = set("\\`*_{}[]()#+-.!|<>")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int  # offsets of the block in the source
    end: int
    prefix: str  # "### ", "- ", or ""
    body: str  # the source after the prefix
    plain: str  # the displayed text
    # For each displayed character, the stretch of `body` it comes from; None when the
    # block's markup is beyond this reader (it is then rewritten whole).
    spans: tuple[tuple[int, int], ...] | None

    @property
    def source(self) -> str:
        return self.prefix + self.body

    @property
    def is_heading(self) -> bool:
        return self.prefix.startswith("#")


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: runs of lines separated by blank lines, a heading
    alone, each list item with its continuation lines."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    last_end = offset = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if not content.strip():
            if start is not None:
                blocks.append((start, last_end))
                start = None
        else:
            opens = content.startswith("#") or _ITEM.match(content) is not None
            if start is not None and (opens or text.startswith("#", start)):
                blocks.append((start, last_end))
                start = None
            if start is None:
                start = offset
            last_end = offset + len(content)
        offset += len(line)
    if start is not None:
        blocks.append((start, last_end))
    return blocks


def _read_inline(body: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The displayed text of a block's inline Markdown and, for each of its characters,
    the stretch of source it comes from (emphasis markers and escapes are not shown)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body) and body[i + 1] in _ESCAPABLE:
            plain.append(body[i + 1])
            spans.append((i, i + 2))
            i += 2
            continue
        if char == "*" or (char == "_" and not _intraword(body, i)):
            i += 1
            continue
        if char in "\r\n":
            if plain and plain[-1] != " ":
                plain.append(" ")
                spans.append((i, i + 1))
            i += 1
            continue
        plain.append(char)
        spans.append((i, i + 1))
        i += 1
    return "".join(plain), tuple(spans)


def _intraword(body: str, i: int) -> bool:
    return 0 < i < len(body) - 1 and body[i - 1].isalnum() and body[i + 1].isalnum()


def displayed(source: str) -> str:
    """The text a block shows on the page: rendered, tags dropped, spaces folded."""
    rendered = html.unescape(_TAG.sub(" ", str(render_markdown(source))))
    return _SPACES.sub(" ", rendered).strip()


def paragraphs(text: str) -> list[Paragraph]:
    result = []
    for number, (start, end) in enumerate(_blocks(text), start=1):
        block = text[start:end]
        match = _PREFIX.match(block)
        prefix = match.group(0) if match else ""
        body = block[len(prefix) :]
        plain, spans = _read_inline(body)
        shown = displayed(block)
        readable: tuple[tuple[int, int], ...] | None = spans
        if _SPACES.sub(" ", plain).strip() != shown:
            plain, readable = shown, None  # beyond this reader: rewritten whole
        result.append(Paragraph(number, start, end, prefix, body, plain, readable))
    return result


def _token_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKENS.finditer(text)]


def rewrite(paragraph: Paragraph, new_plain: str) -> str:
    """The block's new source once its displayed text becomes `new_plain`: unchanged
    words keep their source (and the markup between them), new words are escaped.
    Empty: the paragraph goes."""
    new_plain = new_plain.strip()
    if not new_plain:
        return ""
    if paragraph.spans is None:
        return paragraph.prefix + escape_markdown(new_plain)
    body, spans, old = paragraph.body, paragraph.spans, paragraph.plain

    def gap(k: int) -> str:
        """The markup between displayed characters k-1 and k."""
        left = spans[k - 1][1] if k > 0 else 0
        right = spans[k][0] if k < len(spans) else len(body)
        return body[left:right]

    old_tokens, new_tokens = _token_ranges(old), _token_ranges(new_plain)
    matcher = SequenceMatcher(
        a=[old[a:b] for a, b in old_tokens], b=[new_plain[a:b] for a, b in new_tokens],
        autojunk=False,
    )  # fmt: skip
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        first = old_tokens[i1][0] if i1 < len(old_tokens) else len(old)
        last = old_tokens[i2 - 1][1] if i2 > i1 else first
        for k in range(first, last):
            out.append(gap(k))
            if tag == "equal":
                out.append(body[spans[k][0] : spans[k][1]])
        if tag != "equal" and j2 > j1:
            start, end = new_tokens[j1][0], new_tokens[j2 - 1][1]
            out.append(escape_markdown(new_plain[start:end]))
    out.append(gap(len(spans)))
    return paragraph.prefix + "".join(out)


def _passage_pattern(passage: str) -> re.Pattern[str]:
    words = passage.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def locate(items: list[Paragraph], passage: str, number: int | None = None) -> Paragraph:
    """The paragraph where a passage copied from the page stands (in paragraph `number`
    when given). Refused, on the passage field, when it is nowhere or in several."""
    pattern = _passage_pattern(passage)
    candidates = [p for p in items if number is None or p.number == number]
    found = [p for p in candidates if pattern.search(p.plain)]
    if not found:
        raise ValidationError(
            {
                "passage": _(
                    "Ce passage ne figure pas dans le compte-rendu : copiez-le tel qu'il "
                    "s'affiche, dans un seul paragraphe."
                )
            }
        )
    if len(found) > 1 or len(pattern.findall(found[0].plain)) > 1:
        raise ValidationError(
            {"passage": _("Ce passage figure plusieurs fois : citez-en un peu plus.")}
        )
    return found[0]


def replace_in(paragraph: Paragraph, passage: str, replacement: str) -> str:
    """The paragraph's displayed text with the passage replaced."""
    match = _passage_pattern(passage).search(paragraph.plain)
    assert match is not None  # located just before
    return paragraph.plain[: match.start()] + replacement + paragraph.plain[match.end() :]


def source_change(text: str, paragraph: Paragraph, new_source: str) -> tuple[str, str]:
    """(passage, replacement) in the source, the passage found once in the text so that
    accepting the amendment replaces the right paragraph: a paragraph whose source
    repeats ("*Pas de notes.*") takes the paragraphs before it as context."""
    start, end = paragraph.start, paragraph.end
    before = [p for p in paragraphs(text) if p.end <= paragraph.start]
    while text.count(text[start:end]) > 1 and before:
        start = before.pop().start
    passage = text[start:end]
    replacement = text[start : paragraph.start] + new_source
    return passage, replacement


def amendment_diff(passage: str, replacement: str) -> SafeString:
    """What an amendment changes, as the page displays it (no Markdown), word by word:
    readable by the secretary who decides."""
    return word_diff(displayed(passage), displayed(replacement) if replacement else "")
