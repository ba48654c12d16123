"""Writes on people and invitations. Each one is a single transaction.

An invitation is sent by a territory administrator; accepting it applies, in one
transaction, everything it promised: access to the territory, a position in one of
its organisations, a seat in a body.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Invitation, Person
from accounts.selectors import InvitationState, invitation_state
from bodies.models import Body, BodyMembership
from bodies.services import membership_create
from core.validators import one_line
from territories.importer import ImportReport, territory_import
from territories.models import Organisation, Position, Territory
from territories.services import position_create, territory_member_ensure


class InvitationUnusableError(Exception):
    """The invitation was accepted, revoked or has expired: it cannot be used."""

    def __init__(self, state: InvitationState) -> None:
        super().__init__(state.value)
        self.state = state


def invitation_url(token: str) -> str:
    """The absolute link sent by e-mail: built from SITE_URL, never from the request's
    Host header, so that a forged header cannot redirect the link elsewhere."""
    return settings.SITE_URL + reverse("people:invitation_accept", args=[token])


def _check_invitation_target(
    *,
    territory: Territory,
    organisation: Organisation | None,
    function: str,
    body: Body | None,
    body_role: str,
    territory_role: str,
) -> None:
    if territory_role not in Invitation.TerritoryRole.values:
        raise ValidationError(_("Rôle dans le territoire inconnu."))
    if (organisation is None) != (not function):
        raise ValidationError(_("Une fonction s'indique avec son organisation, et inversement."))
    if function and function not in Position.Function.values:
        raise ValidationError(_("Fonction inconnue."))
    if organisation is not None and organisation.territory_id != territory.pk:
        raise ValidationError(_("Cette organisation relève d'un autre territoire."))
    if body is not None:
        if body.territory_id != territory.pk:
            raise ValidationError(_("Cette instance relève d'un autre territoire."))
        if body_role not in BodyMembership.Role.values:
            raise ValidationError(_("Rôle dans l'instance inconnu."))
        if body_role == BodyMembership.Role.GUEST and organisation is not None:
            raise ValidationError(_("Un invité ne reçoit pas de fonction dans le territoire."))


def _tidy(text: str) -> str:
    """Plain-text mails come from templates with optional parts: keep at most one blank
    line between paragraphs."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _send_invitation_mail(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "url": invitation_url(token),
        "site_url": settings.SITE_URL,
        "inviter": invitation.invited_by,
    }
    subject = one_line(render_to_string("people/emails/invitation_subject.txt", context))
    mail = EmailMultiAlternatives(
        subject=subject,
        body=_tidy(render_to_string("people/emails/invitation.txt", context)),
        to=[invitation.email],
        # The invitee answers the person who invited them, not the platform.
        reply_to=[invitation.invited_by.email] if invitation.invited_by else None,
    )
    mail.attach_alternative(render_to_string("people/emails/invitation.html", context), "text/html")
    mail.send()


@transaction.atomic
def invitation_send(
    *,
    invited_by: Person,
    territory: Territory,
    email: str,
    first_name: str = "",
    last_name: str = "",
    territory_role: str = Invitation.TerritoryRole.MEMBER,
    organisation: Organisation | None = None,
    function: str = "",
    body: Body | None = None,
    body_role: str = "",
    capacity: str = "",
    message: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its single-use link.

    Returns the invitation and the clear token (only its hash is stored). If the mail
    cannot be sent, nothing is recorded.
    """
    if body is not None and not body_role:
        body_role = BodyMembership.Role.MEMBER
    _check_invitation_target(
        territory=territory,
        organisation=organisation,
        function=function,
        body=body,
        body_role=body_role,
        territory_role=territory_role,
    )
    token = Invitation.new_token()
    invitation = Invitation(
        email=email.strip().lower(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        territory=territory,
        territory_role=territory_role,
        organisation=organisation,
        function=function,
        body=body,
        body_role=body_role if body is not None else "",
        capacity=capacity.strip() if body is not None else "",
        message=message.strip(),
        invited_by=invited_by,
    )
    invitation.set_token(token)
    invitation.set_expiry()
    invitation.save()
    _send_invitation_mail(invitation, token)
    return invitation, token


def _apply_invitation(invitation: Invitation, person: Person) -> None:
    body = invitation.body
    is_guest = body is not None and invitation.body_role == BodyMembership.Role.GUEST
    if not is_guest:
        # A guest sees the body they are invited to and nothing else of the territory.
        territory_member_ensure(
            territory=invitation.territory, person=person, role=invitation.territory_role
        )
    position: Position | None = None
    if invitation.organisation is not None and invitation.function:
        position = (
            Position.objects.current()
            .filter(person=person, organisation=invitation.organisation)
            .filter(function=invitation.function)
            .first()
        ) or position_create(
            person=person, organisation=invitation.organisation, function=invitation.function
        )
    if body is not None:
        role = invitation.body_role or BodyMembership.Role.MEMBER
        already = BodyMembership.objects.current().filter(body=body, person=person, role=role)
        if not already.exists():
            membership_create(
                body=body,
                person=person,
                role=role,
                position=position,
                capacity=invitation.capacity,
            )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, person: Person) -> Invitation:
    """Apply an invitation for the person it was sent to, once.

    The row is locked first: two clicks on the same link (or two tabs) cannot both
    pass the "still usable" check. Raises InvitationUnusableError or ValidationError;
    either way nothing is written.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation_state(locked)
    if state is not InvitationState.USABLE:
        raise InvitationUnusableError(state)
    if person.email.lower() != locked.email.lower():
        raise ValidationError(_("Cette invitation est adressée à une autre adresse électronique."))
    _apply_invitation(locked, person)
    locked.accepted_at = timezone.now()
    locked.accepted_by = person
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return locked


@transaction.atomic
def invitation_accept_with_signup(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> Person:
    """Create the account of someone new and apply their invitation, together: if the
    invitation cannot be applied, no account is left behind."""
    if Person.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("Un compte existe déjà pour cette adresse : connectez-vous."))
    try:
        with transaction.atomic():
            person = Person.objects.create_user(
                invitation.email,
                password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
    except IntegrityError as error:  # the same address signed up a moment ago
        raise ValidationError(
            _("Un compte existe déjà pour cette adresse : connectez-vous.")
        ) from error
    invitation_accept(invitation=invitation, person=person)
    return person


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Cancel an invitation that has not been accepted: its link stops working."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise InvitationUnusableError(InvitationState.USED)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    return locked


@transaction.atomic
def territory_open(
    *,
    operator: Person,
    siren: str,
    admin_email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> tuple[ImportReport, Invitation | None]:
    """Import (or re-import) an EPCI's territory from the official data and invite its
    first administrator, together: if the invitation cannot be sent, the territory is not
    created either. A new territory needs its administrator; a re-import may name one."""
    report = territory_import(siren=siren)
    if report.territory_created and not admin_email.strip():
        raise ValidationError(
            {"admin_email": _("Indiquez l'adresse de l'administrateur du nouveau territoire.")}
        )
    if not admin_email.strip():
        return report, None
    territory = Territory.objects.get(siren=report.siren)
    invitation, _token = invitation_send(
        invited_by=operator,
        territory=territory,
        email=admin_email,
        first_name=first_name,
        last_name=last_name,
        territory_role=Invitation.TerritoryRole.ADMIN,
    )
    return report, invitation
