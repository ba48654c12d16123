"""ODT building shared by the editable exports (minutes, the register): the styles of
the document and a builder that turns sanitised HTML into real headings, paragraphs and
lists, with odfpy."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from odf import teletype
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, List, ListItem, P, Span


@dataclass
class OdtStyles:
    headings: dict[int, Style]
    paragraph: Style
    meta: Style
    bold: Style
    italic: Style


def odt_styles(document: OpenDocumentText) -> OdtStyles:
    def paragraph_style(name: str, family_props: dict[str, str], **text: str) -> Style:
        style = Style(name=name, family="paragraph")
        style.addElement(ParagraphProperties(**family_props))
        style.addElement(TextProperties(fontfamily="DejaVu Sans", **text))
        document.styles.addElement(style)
        return style

    headings = {}
    for level, size in ((1, "16pt"), (2, "13pt"), (3, "11.5pt"), (4, "10.5pt")):
        headings[level] = paragraph_style(
            f"Heading {level}",
            {"margintop": "0.35cm", "marginbottom": "0.15cm", "keepwithnext": "always"},
            fontsize=size,
            fontweight="bold",
        )
        headings[level].setAttribute("defaultoutlinelevel", str(level))
        headings[level].setAttribute("displayname", f"Heading {level}")
    paragraph = paragraph_style("Text body", {"marginbottom": "0.2cm"}, fontsize="10pt")
    meta = paragraph_style("Codir meta", {"marginbottom": "0.1cm"}, fontsize="9pt", color="#444444")
    bold = Style(name="Codir strong", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Codir emphasis", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    document.styles.addElement(bold)
    document.styles.addElement(italic)
    return OdtStyles(headings, paragraph, meta, bold, italic)


class OdtBuilder(HTMLParser):
    """Turns sanitised HTML (core.markdown) into ODT headings, paragraphs and lists:
    block tags open a new element; <strong> and <em> become spans; text is kept as
    text (spaces and line breaks through teletype)."""

    def __init__(self, document: OpenDocumentText, styles: OdtStyles) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.styles = styles
        self.stack: list[Element] = []
        self.lists: list[Element] = []
        self.block: Element | None = None

    def _container(self) -> Element:
        return self.lists[-1].lastChild if self.lists else self.document.text

    def _open_block(self, element: Element) -> None:
        self._container().addElement(element)
        self.block = element
        self.stack = [element]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            # Level 1 is the document's title: the text's own headings start at 2.
            level = max(2, min(int(tag[1]), 4))
            self._open_block(H(outlinelevel=level, stylename=self.styles.headings[level]))
        elif tag in {"p", "blockquote", "pre", "td", "th"}:
            if tag == "p" and self.block is not None and self.lists:
                return  # a paragraph inside a list item: keep filling the item
            self._open_block(P(stylename=self.styles.paragraph))
        elif tag in {"ul", "ol"}:
            new_list = List()
            self._container().addElement(new_list)
            self.lists.append(new_list)
            self.block = None
        elif tag == "li" and self.lists:
            self.lists[-1].addElement(ListItem())
            self._open_block(P(stylename=self.styles.paragraph))
        elif tag in {"strong", "b", "em", "i"} and self.block is not None:
            style = self.styles.bold if tag in {"strong", "b"} else self.styles.italic
            span = Span(stylename=style)
            self.stack[-1].addElement(span)
            self.stack.append(span)
        elif tag == "br" and self.block is not None:
            teletype.addTextToElement(self.stack[-1], "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"strong", "b", "em", "i"} and len(self.stack) > 1:
            self.stack.pop()
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
            self.block = None
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"} or (
            tag == "p" and not self.lists
        ):
            self.block = None

    def handle_data(self, data: str) -> None:
        if self.block is None:
            if not data.strip():
                return
            self._open_block(P(stylename=self.styles.paragraph))
        teletype.addTextToElement(self.stack[-1], data if data.strip() else " ")
