"""Reads for people: every person page is reached through `get_person_for_user`."""

from __future__ import annotations

import enum

from accounts.models import Invitation


class InvitationState(enum.Enum):
    USABLE = "usable"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"


def invitation_state(invitation: Invitation) -> InvitationState:
    if invitation.accepted_at is not None:
        return InvitationState.USED
    if invitation.revoked_at is not None:
        return InvitationState.REVOKED
    if invitation.is_expired:
        return InvitationState.EXPIRED
    return InvitationState.USABLE


def find_invitation(token: str) -> Invitation | None:
    """The invitation of a link, whatever its state (the caller says why it is
    unusable)."""
    from accounts.models import hash_token

    return (
        Invitation.objects.select_related("territory", "organisation", "body", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
