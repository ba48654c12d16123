"""The sections that apps above meetings add to the daily digest.

meetings sends the digest (convocation.digest_send) and knows only the items proposed to
the open agendas. An app above it adds its own part (followup: the reminders of the day)
by registering a section in its AppConfig.ready(), so that meetings never imports it.
Sections appear in the order they were registered."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from django.utils.safestring import SafeString

Entry = TypeVar("Entry")


@dataclass(frozen=True)
class DigestPart:
    """What a section tells one person: a phrase for the subject ("2 actions à suivre",
    joined after the proposals' with "et") and the blocks of the plain text and HTML mail."""

    subject: str
    text: str
    html: SafeString


@dataclass(frozen=True)
class DigestSection(Generic[Entry]):
    """`due(today)`: what the section has for each person today, by person id (one call
    per digest run); `claim(entry, today)`: note it as sent before the mail leaves, False
    if another run already did (it is then left out, never told twice); `render(entry,
    today)`: the part of the mail, rendered in the digest's language."""

    due: Callable[[date], Mapping[int, Entry]]
    claim: Callable[[Entry, date], bool]
    render: Callable[[Entry, date], DigestPart]


_sections: dict[str, DigestSection[Any]] = {}


def register_digest_section(name: str, section: DigestSection[Any]) -> None:
    """Add (or replace, when `ready()` runs twice) the section called `name`."""
    _sections[name] = section


def digest_sections() -> list[DigestSection[Any]]:
    return list(_sections.values())
