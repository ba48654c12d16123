"""Background jobs of minutes (django-tasks): arguments are ids, not objects."""

from __future__ import annotations

from django_tasks import task

from minutes.notices import send_review_notices


@task()
def send_minutes_review_mail(minutes_id: int) -> int:
    """Tell the body's members that the minutes are open for review."""
    return send_review_notices(minutes_id=minutes_id)
