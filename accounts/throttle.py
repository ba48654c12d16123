"""Login throttling per address as well as per account (django-axes' handler, extended).

Axes locks an account and address pair after AXES_FAILURE_LIMIT failures. Its
AXES_LOCKOUT_PARAMETERS can add the address alone, but with the same limit for every
rule: five typos by five people behind one town hall's address would lock them all out.
So the address alone gets its own, higher limit (CODIR_AXES_ADDRESS_FAILURE_LIMIT),
counted from the same attempts axes records: one address that tries many accounts with
one password each (password spraying) is stopped."""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class AddressThrottleHandler(AxesDatabaseHandler):
    """Axes compares `get_failures` with AXES_FAILURE_LIMIT both when a login fails (to
    lock) and before checking a password (to refuse): an address over its own limit
    counts as at the limit, whatever the account."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.CODIR_AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request: HttpRequest) -> int:
    """The failed logins from the request's address, all accounts together, within the
    cool-off time."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    attempts = AccessAttempt.objects.filter(ip_address=address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    total = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)
