"""What an uploaded file may be: its name made safe, its size, its type, and its content
checked against the extension it claims.

The magic bytes are checked here rather than with a detection library: the formats we
accept are four prefixes and two zip layouts, and the zip checks (the ODF `mimetype`
member, the OOXML `[Content_Types].xml` and main part) have to be ours anyway.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

MAX_STEM_LENGTH = 80
MAX_ORIGINAL_NAME_LENGTH = 255

MAGIC: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
ZIP_MAGIC = b"PK\x03\x04"
ODF_PREFIX = "application/vnd.oasis.opendocument."
OOXML_PREFIX = "application/vnd.openxmlformats-officedocument."
# The folder holding an OOXML document's main part, by type.
OOXML_MAIN_PART = {
    "wordprocessingml": "word/",
    "spreadsheetml": "xl/",
    "presentationml": "ppt/",
}
TEXT_TYPES = {"text/plain", "text/csv"}


def _basename(name: str) -> str:
    """The last component of a name sent by a browser (which may hold a Windows or POSIX
    path), without control characters."""
    base = PurePosixPath(name.replace("\\", "/")).name
    return "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()


def split_extension(name: str) -> tuple[str, str]:
    """(stem, extension lowercased without the dot) of the last path component."""
    base = _basename(name)
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem.strip(" ."):
        return base, ""
    return stem, extension.lower()


def user_basename(name: str) -> str:
    """The name the user sent, path stripped, kept to show them; shortened (keeping the
    extension) to fit the column."""
    base = _basename(name)
    if len(base) <= MAX_ORIGINAL_NAME_LENGTH:
        return base
    stem, extension = split_extension(base)
    suffix = f".{extension}"[:20] if extension else ""
    return stem[: MAX_ORIGINAL_NAME_LENGTH - len(suffix)] + suffix


def safe_filename(name: str) -> str:
    """A name safe to store and to send back: path stripped, stem slugified (accents,
    spaces and punctuation gone), extension lowercased, length limited."""
    stem, extension = split_extension(name)
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:  # nothing usable left, e.g. "«»"
        stem = ""
    stem = slugify(stem.replace("_", "-"))[:MAX_STEM_LENGTH].strip("-") or "document"
    extension = slugify(extension)[:10]
    return f"{stem}.{extension}" if extension else stem


def check_upload(upload: UploadedFile) -> str:
    """Check an upload and return its MIME type (from our table, not the browser's claim).
    Raises a ValidationError (on the `file` field) with a French message otherwise."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("Le fichier est vide.")})
    if size > settings.CODIR_UPLOAD_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Le fichier fait %(size)s ; la limite est de %(limit)s.")
                % {
                    "size": filesizeformat(size),
                    "limit": filesizeformat(settings.CODIR_UPLOAD_MAX_BYTES),
                }
            }
        )
    _stem, extension = split_extension(upload.name or "")
    mime = settings.CODIR_UPLOAD_TYPES.get(extension)
    if mime is None:
        raise ValidationError(
            {
                "file": _("Les fichiers %(ext)s ne sont pas acceptés. Types acceptés : %(types)s.")
                % {
                    "ext": f".{extension}" if extension else _("sans extension"),
                    "types": accepted_extensions_label(),
                }
            }
        )
    upload.seek(0)
    try:
        matches = content_matches(upload, mime)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            {
                "file": _(
                    "Le contenu du fichier ne correspond pas à son extension .%(ext)s : "
                    "il a peut-être été renommé. Enregistrez-le dans le bon format."
                )
                % {"ext": extension}
            }
        )
    return mime


def accepted_extensions_label() -> str:
    return ", ".join(f".{ext}" for ext in settings.CODIR_UPLOAD_TYPES)


def content_matches(stream: IO[bytes], mime: str) -> bool:
    if mime in MAGIC:
        head = stream.read(16)
        return any(head.startswith(magic) for magic in MAGIC[mime])
    if mime.startswith(ODF_PREFIX):
        return _is_odf(stream, mime)
    if mime.startswith(OOXML_PREFIX):
        return _is_ooxml(stream, mime)
    if mime in TEXT_TYPES:
        return _is_text(stream.read())
    return False


def _open_zip(stream: IO[bytes]) -> zipfile.ZipFile | None:
    if stream.read(4) != ZIP_MAGIC:
        return None
    stream.seek(0)
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _is_odf(stream: IO[bytes], mime: str) -> bool:
    """An OpenDocument file is a zip whose `mimetype` member names its type."""
    archive = _open_zip(stream)
    if archive is None:
        return False
    with archive:
        try:
            info = archive.getinfo("mimetype")
            if info.file_size > 200:
                return False
            declared = archive.read(info)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            return False
    return declared.strip() == mime.encode("ascii")


def _is_ooxml(stream: IO[bytes], mime: str) -> bool:
    """An Office Open XML file is a zip with `[Content_Types].xml` and its main part in
    the folder of its kind (a .docx holds `word/`, a .xlsx `xl/`)."""
    archive = _open_zip(stream)
    if archive is None:
        return False
    with archive:
        names = archive.namelist()
    if "[Content_Types].xml" not in names:
        return False
    kind = mime.removeprefix(OOXML_PREFIX).split(".")[0]
    folder = OOXML_MAIN_PART.get(kind)
    return folder is None or any(name.startswith(folder) for name in names)


def _is_text(data: bytes) -> bool:
    """Text is UTF-8 (or Windows-1252, what spreadsheets still export) without NUL."""
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


_SPACES = re.compile(r"\s+")


def default_title(name: str) -> str:
    """A readable title from a file name: "Note_de présentation.pdf" → "Note de présentation"."""
    stem, _extension = split_extension(name)
    return _SPACES.sub(" ", stem.replace("_", " ")).strip()[:200]
