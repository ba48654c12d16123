"""Shared by the register's tests: recording entries through the service, framework
objects (through Framework's default manager: the reverse accessor `objects` of
FrameworkObject.framework hides `Framework.objects`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, cast

from django.utils import timezone

from bodies.models import Body
from decisions.models import Decision, Process
from decisions.register.services import decision_record
from governance.models import Framework, FrameworkObject
from governance.tests.factories import FrameworkObjectFactory


def record(body: Body, title: str = "Décision", **kwargs: Any) -> Decision:
    kwargs.setdefault("kind", Decision.Kind.DECISION)
    kwargs.setdefault("process", Process.CONSENT)
    kwargs.setdefault("text", "Texte de la décision.")
    return decision_record(body=body, title=title, **kwargs)


def make_framework(body: Body, adopted_on: date | None = None) -> Framework:
    """An adopted version of the body's framework, the next number."""
    version = Framework.objects.filter(body=body).count() + 1
    return Framework.objects.create(
        body=body, version=version, adopted_on=adopted_on or timezone.localdate()
    )


def make_object(body: Body, framework: Framework | None = None, **fields: Any) -> FrameworkObject:
    return FrameworkObjectFactory.create(framework=framework or make_framework(body), **fields)


def streamed(response: Any) -> bytes:
    """The body of a streamed response (the CSV, a prepared export's file)."""
    return b"".join(cast(Iterator[bytes], response.streaming_content))
