"""Meeting mails that fail: a transient failure is retried for those people only, a
bounded number of times with a growing delay; a permanent one is not; nobody receives
the same mail twice; each run's result says who received it (issue 9)."""

from __future__ import annotations

import smtplib
from collections import Counter
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from core.mail import Outcome, deliver, is_transient, retry_delay
from meetings.convocation import meeting_convene
from meetings.models import Meeting
from meetings.tasks import send_meeting_mail
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

REAL_SEND = EmailMultiAlternatives.send
MEMBER = "membre@example.fr"


class FlakyServer:
    """Refuses mails to `address` `times` times with `error`, counting every try."""

    def __init__(self, address: str, error: Exception, times: int = 1000) -> None:
        self.address, self.error, self.left = address, error, times
        self.tries: Counter[str] = Counter()

    def send(self, message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        self.tries[message.to[0]] += 1
        if self.address in message.to and self.left > 0:
            self.left -= 1
            raise self.error
        return REAL_SEND(message, fail_silently)

    def patch(self) -> Any:
        server = self

        def send(message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
            return server.send(message, fail_silently)

        return mock.patch.object(EmailMultiAlternatives, "send", send)


@pytest.fixture
def meeting(world: World) -> Meeting:
    facilitator = PersonFactory.create(first_name="Fanny", email="anime@example.fr")
    MembershipFactory.create(body=world.body, person=facilitator)
    return MeetingFactory.create(
        body=world.body, facilitator=facilitator, status=Meeting.Status.AGENDA_OPEN
    )


def received() -> Counter[str]:
    return Counter(message.to[0] for message in mail.outbox)


def test_a_transient_failure_is_retried_until_the_mail_leaves(meeting, world):
    server = FlakyServer(MEMBER, smtplib.SMTPServerDisconnected("gone"), times=2)
    with server.patch():
        meeting_convene(meeting=meeting, actor=world.admin)
    assert server.tries[MEMBER] == 3
    # Each person received the convocation once: a retry goes to the failed ones only.
    assert set(received().values()) == {1}
    assert MEMBER in received()


def test_retries_are_bounded(meeting, world, settings, caplog):
    settings.CODIR_MAIL_ATTEMPTS = 3
    server = FlakyServer(MEMBER, smtplib.SMTPResponseException(421, b"try later"))
    with server.patch():
        meeting_convene(meeting=meeting, actor=world.admin)
    assert server.tries[MEMBER] == 3
    assert MEMBER not in received()
    assert len(received()) == 2  # the others left at the first attempt
    assert "not sent after 3 attempts" in caplog.text


def test_a_permanent_refusal_is_not_retried(meeting, world):
    refused = smtplib.SMTPRecipientsRefused({MEMBER: (550, b"unknown user")})
    server = FlakyServer(MEMBER, refused)
    with server.patch():
        meeting_convene(meeting=meeting, actor=world.admin)
    assert server.tries[MEMBER] == 1
    assert MEMBER not in received()


def test_the_retry_waits_and_is_recorded(meeting, world, settings):
    """With a queue that can wait (the database backend in production), the retry is
    queued for later, for the failed person only; the run's result records it all."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends
    from django_tasks.backends.dummy import DummyBackend

    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    backend.clear()
    meeting_convene(meeting=meeting, actor=world.admin)
    (convocation,) = backend.results
    backend.clear()
    server = FlakyServer(MEMBER, smtplib.SMTPServerDisconnected("gone"))
    before = timezone.now()
    with server.patch():
        result = send_meeting_mail.call(**convocation.kwargs)
    (retry,) = backend.results
    assert retry.kwargs["person_ids"] == [world.member.pk]
    assert retry.kwargs["attempt"] == 2
    run_after = retry.task.run_after
    assert run_after is not None
    assert before + timedelta(seconds=59) <= run_after <= timezone.now() + timedelta(minutes=1)
    assert result["retry"] == [world.member.pk]
    assert world.member.pk not in result["sent"]
    assert len(result["sent"]) == 2
    assert result["attempt"] == 1 and result["retry_at"]


def test_a_retry_the_meeting_has_moved_past_is_not_sent(meeting, world):
    meeting_convene(meeting=meeting, actor=world.admin, notify=False)
    Meeting.objects.filter(pk=meeting.pk).update(ics_sequence=1)  # an update was sent
    result = send_meeting_mail.call(
        meeting_id=meeting.pk,
        person_ids=[world.member.pk],
        kind="convocation",
        sequence=0,
        attempt=2,
    )
    assert result["superseded"] is True
    assert mail.outbox == []


def test_retry_delays_grow():
    assert [retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
    ]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPServerDisconnected("gone"), True),
        (ConnectionRefusedError(), True),
        (smtplib.SMTPResponseException(451, b"later"), True),
        (smtplib.SMTPDataError(554, b"spam"), False),
        (smtplib.SMTPRecipientsRefused({"a@b.fr": (450, b"busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.fr": (550, b"unknown")}), False),
        (BadHeaderError("line break"), False),
    ],
)
def test_which_failures_are_worth_a_retry(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


def test_deliver_never_says_sent_when_the_mail_did_not_leave(world: World) -> None:
    person: Person = world.member
    message = EmailMultiAlternatives(subject="Essai", body="x", to=[person.email])
    with FlakyServer(person.email, OSError("network down")).patch():
        assert deliver(message, what="test") is Outcome.TRANSIENT
    assert deliver(message, what="test") is Outcome.SENT
