"""What minutes does when a lower app's object changes: a meeting just planned carries
the approval of the body's minutes whose review is over and that waited for a meeting.
Connected in MinutesConfig.ready()."""

from __future__ import annotations

from typing import Any

from meetings.models import Meeting
from minutes.services import approvals_put_on_agenda


def meeting_saved(
    sender: type[Meeting], instance: Meeting, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        approvals_put_on_agenda(meeting=instance)
