"""Typing of the requests that every app's views receive behind `login_required`."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import Person


class AuthenticatedRequest(HttpRequest):
    """A request behind `login_required`, as the type checker should see it."""

    user: Person
    htmx: HtmxDetails
