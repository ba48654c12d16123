"""Sending mails one by one in a batch: one that fails is logged and the others leave."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import BadHeaderError, EmailMessage

logger = logging.getLogger(__name__)

# What one mail can raise when it leaves: a header Django refuses (a line break in the
# subject), the SMTP server's refusal, the network.
MAIL_ERRORS: tuple[type[Exception], ...] = (BadHeaderError, smtplib.SMTPException, OSError)


def send_one(mail: EmailMessage, *, what: str) -> bool:
    """Send `mail`; if it fails, log it (`what` says which mail) and return False, so that
    the batch goes on and the caller records nothing as sent."""
    try:
        mail.send()
    except MAIL_ERRORS:
        logger.exception("Mail not sent: %s", what)
        return False
    return True
