"""Small real files and documents, for the documents tests (the meetings tests attach them
to meetings and items: meetings/tests/test_attachments.py)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Person
from bodies.models import Body
from documents.models import Document
from documents.services import document_new_version, document_upload

# A one-page PDF, small but real: readers open it.
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48

ODT_MIME = "application/vnd.oasis.opendocument.text"


def odf(mimetype: str = ODT_MIME) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    return buffer.getvalue()


def ooxml(folder: str = "word/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "bonjour")
    return buffer.getvalue()


def upload(name: str = "note.pdf", data: bytes = PDF, content_type: str = "") -> SimpleUploadedFile:
    # The browser's content type is not trusted; send a wrong one by default.
    return SimpleUploadedFile(name, data, content_type or "application/octet-stream")


def make_document(
    uploaded_by: Person,
    *,
    body: Body,
    title: str = "Note de présentation",
    name: str = "note.pdf",
    data: bytes = PDF,
) -> Document:
    return document_upload(
        uploaded_by=uploaded_by,
        upload=upload(name, data),
        title=title,
        body=body,
    )


def make_version(previous: Document, uploaded_by: Person, data: bytes = PDF) -> Document:
    return document_new_version(
        previous=previous, uploaded_by=uploaded_by, upload=upload("note-v2.pdf", data)
    )
