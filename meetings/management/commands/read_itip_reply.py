"""Read the answers calendars send to the invitations (meetings/itip.py).

Two ways, documented in docs/deploy.md:
- piped: the mail server hands each mail sent to CODIR_CALENDAR_REPLY_EMAIL to
  `manage.py read_itip_reply` on standard input (Postfix: an alias to a pipe);
- polled: `manage.py read_itip_reply --imap` reads the unread mails of the IMAP mailbox
  CODIR_ITIP_IMAP_* (run it every few minutes), and marks them read.

A mail that is not a valid answer is logged and skipped; the command always ends with
status 0, so that the mail server never bounces an answer back to its sender.
"""

from __future__ import annotations

import imaplib
import logging
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from meetings.itip import ReplyOutcome, read_reply_message

logger = logging.getLogger(__name__)


def _read(raw: bytes) -> ReplyOutcome:
    try:
        return read_reply_message(raw)
    except Exception:  # a mail is outside input: never let one stop the others
        logger.exception("Calendar reply could not be read")
        outcome = ReplyOutcome()
        outcome.ignored.append("unreadable mail")
        return outcome


def poll_imap() -> tuple[int, int]:
    """Read the mailbox's unread mails; returns (mails read, answers recorded)."""
    if not settings.ITIP_IMAP_HOST:
        raise CommandError("CODIR_ITIP_IMAP_HOST n'est pas configuré (docs/deploy.md).")
    mails = recorded = 0
    with imaplib.IMAP4_SSL(settings.ITIP_IMAP_HOST, settings.ITIP_IMAP_PORT) as imap:
        imap.login(settings.ITIP_IMAP_USER, settings.ITIP_IMAP_PASSWORD)
        imap.select(settings.ITIP_IMAP_FOLDER)
        _status, found = imap.search(None, "UNSEEN")
        for number in found[0].split() if found and found[0] else []:
            _status, data = imap.fetch(number, "(RFC822)")
            raw = next((part[1] for part in data if isinstance(part, tuple)), b"")
            if raw:
                mails += 1
                recorded += len(_read(raw).recorded)
            imap.store(number, "+FLAGS", "\\Seen")
    return mails, recorded


class Command(BaseCommand):
    help = (
        "Lit une réponse d'agenda (iTIP REPLY) sur l'entrée standard, ou les réponses "
        "non lues de la boîte IMAP configurée avec --imap."
    )

    # Tests hand the mail in as `stdin` (a binary stream); a mail server pipes it.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--imap",
            action="store_true",
            help="Lire les messages non lus de la boîte IMAP (CODIR_ITIP_IMAP_*).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["imap"]:
            mails, recorded = poll_imap()
            self.stdout.write(f"{mails} message(s) lu(s), {recorded} réponse(s) enregistrée(s).")
            return
        stream = options.get("stdin") or sys.stdin.buffer
        outcome = _read(stream.read())
        self.stdout.write(
            f"{len(outcome.recorded)} réponse(s) enregistrée(s), {len(outcome.ignored)} ignorée(s)."
        )
