"""The checks on an uploaded file: its name, size, type and content."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from documents.files import check_upload, default_title, safe_filename, user_basename
from documents.tests.factories import EXE, JPEG, PDF, PNG, odf, ooxml, plain_zip, upload


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data))
    return " ".join(error.value.message_dict["file"])


# --- Names -----------------------------------------------------------------------------


def test_path_traversal_name_keeps_only_the_last_component():
    assert safe_filename("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_filename("..\\..\\Windows\\system32\\note.PDF") == "note.pdf"
    assert user_basename("../../etc/passwd.pdf") == "passwd.pdf"


def test_accents_and_spaces_are_slugified_and_the_extension_lowercased():
    name = "Note de présentation  Été 2026.PDF"
    assert safe_filename(name) == "note-de-presentation-ete-2026.pdf"


def test_name_without_stem_or_with_only_symbols_gets_a_default():
    assert safe_filename("«».pdf") == "document.pdf"
    # ".pdf" is a hidden file without an extension: refused by check_upload.
    assert safe_filename(".pdf") == "pdf"
    assert "sans extension" in refusal(".pdf", PDF)


def test_long_name_is_limited():
    name = safe_filename("a" * 300 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name) <= 84


def test_control_characters_are_dropped_from_the_shown_name():
    assert user_basename("note\r\nSet-Cookie: x.pdf") == "noteSet-Cookie: x.pdf"


def test_default_title_is_readable():
    assert default_title("C:\\docs\\Note_de présentation.pdf") == "Note de présentation"


# --- Size and type -------------------------------------------------------------------------


def test_too_large_file_is_refused(settings):
    settings.CODIR_UPLOAD_MAX_BYTES = 100
    message = refusal("note.pdf", PDF + b" " * 100)
    assert "limite" in message


def test_empty_file_is_refused():
    assert "vide" in refusal("note.pdf", b"")


@pytest.mark.parametrize("name", ["programme.exe", "script.js", "page.html", "sans-extension"])
def test_extension_not_accepted_is_refused(name):
    assert "ne sont pas acceptés" in refusal(name, EXE)


def test_mime_type_comes_from_our_table_not_from_the_browser():
    file = upload("note.pdf", PDF, content_type="text/html")
    assert check_upload(file) == "application/pdf"


# --- Content against extension -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("note.pdf", PDF),
        ("photo.png", PNG),
        ("photo.JPG", JPEG),
        ("photo.jpeg", JPEG),
        ("compte-rendu.odt", odf()),
        ("budget.ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
        ("rapport.docx", ooxml("word/")),
        ("budget.xlsx", ooxml("xl/")),
        ("diaporama.pptx", ooxml("ppt/")),
        ("notes.txt", "Réunion du Co-dir".encode()),
        ("liste.csv", "commune;population\nSaint-Essai;850\n".encode("cp1252")),
    ],
)
def test_matching_content_is_accepted(name, data):
    assert check_upload(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("note.pdf", PNG),  # a PNG renamed .pdf
        ("note.pdf", EXE),  # a renamed executable
        ("photo.png", JPEG),
        ("photo.jpg", PDF),
        ("compte-rendu.odt", odf("application/vnd.oasis.opendocument.spreadsheet")),
        ("compte-rendu.odt", ooxml()),  # no mimetype member
        ("compte-rendu.odt", plain_zip()),
        ("rapport.docx", plain_zip()),  # no [Content_Types].xml
        ("rapport.docx", ooxml("xl/")),  # a spreadsheet renamed .docx
        ("rapport.docx", b"PK\x03\x04 not really a zip"),
        ("notes.txt", EXE),  # NUL bytes
        ("liste.csv", b"\x81\x8d\x8f\x90\x9d"),  # neither UTF-8 nor cp1252
    ],
)
def test_content_not_matching_the_extension_is_refused(name, data):
    assert "ne correspond pas" in refusal(name, data)
