"""Reads of invitations by their link: what state one is in, and which one a link opens.
(Who may see a person is `access.scopes.people_for`.)"""

from __future__ import annotations

import enum

from accounts.models import Invitation, hash_token


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
    return (
        Invitation.objects.select_related("territory", "organisation", "body", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
