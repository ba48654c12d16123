"""Sending mails one by one in a batch: one that fails is logged and the others leave.

A failure is either permanent (a header Django refuses, an address or a message the
server refuses with a 5xx code): trying again would fail the same way; or transient (the
network, a server that disconnects or answers 4xx, « try again later »): the caller may
queue the mail again (`retry_delay` says when). Nothing is ever recorded as sent unless
`send` returned."""

from __future__ import annotations

import enum
import logging
import smtplib
from datetime import timedelta

from django.core.mail import BadHeaderError, EmailMessage

logger = logging.getLogger(__name__)

# What one mail can raise when it leaves: a header Django refuses (a line break in the
# subject), the SMTP server's refusal, the network.
MAIL_ERRORS: tuple[type[Exception], ...] = (BadHeaderError, smtplib.SMTPException, OSError)

# The first retry after a minute, then 4, 16, 64 minutes...
RETRY_FIRST = timedelta(minutes=1)
RETRY_FACTOR = 4


class Outcome(enum.Enum):
    SENT = "sent"
    TRANSIENT = "transient"  # worth trying again later
    PERMANENT = "permanent"  # would fail the same way again


def is_transient(error: Exception) -> bool:
    if isinstance(error, BadHeaderError):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # Refused for every recipient: transient only if every refusal is a 4xx.
        return all(400 <= code < 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # The network, a disconnection, a timeout, an unexpected SMTP state.
    return isinstance(error, smtplib.SMTPException | OSError)


def deliver(mail: EmailMessage, *, what: str) -> Outcome:
    """Send `mail`; if it fails, log it (`what` says which mail) and say whether it is
    worth trying again, so that the batch goes on and the caller records nothing as sent."""
    try:
        mail.send()
    except MAIL_ERRORS as error:
        transient = is_transient(error)
        logger.exception("Mail not sent (%s): %s", "transient" if transient else "permanent", what)
        return Outcome.TRANSIENT if transient else Outcome.PERMANENT
    return Outcome.SENT


def send_one(mail: EmailMessage, *, what: str) -> bool:
    """Send `mail`: True if it left (see `deliver`)."""
    return deliver(mail, what=what) is Outcome.SENT


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before attempt `attempt + 1` (attempts count from 1)."""
    return RETRY_FIRST * RETRY_FACTOR ** (attempt - 1)
