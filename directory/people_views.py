"""Pages of people: invitations to a territory or a body, one's profile, a person's page."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import MANAGE_BODY, MANAGE_TERRITORY, require
from access.scopes import (
    get_body_for_user,
    get_invitation_for_user,
    get_person_for_user,
    get_territory_for_user,
)
from accounts.forms import ProfileForm
from accounts.http import AuthenticatedRequest
from accounts.models import Invitation, Person
from accounts.selectors import InvitationState, find_invitation, invitation_state
from audit.selectors import history_for
from audit.views import render_history
from bodies.models import Body
from core.http import safe_next
from core.mail import MAIL_ERRORS
from directory import invitations as services
from directory.invitation_forms import (
    BodyInvitationForm,
    InvitationForm,
    SignupFromInvitationForm,
    TerritoryInvitationForm,
)
from directory.selectors import (
    pending_invitations_for_body,
    pending_invitations_for_territory,
    person_overview,
)
from territories.models import Territory

logger = logging.getLogger(__name__)

# Logging in an account created from an invitation: Axes only guards password checks.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _send_invitation(
    request: AuthenticatedRequest,
    form: InvitationForm,
    *,
    territory: Territory,
    body: Body | None,
) -> bool:
    data = form.cleaned_data
    try:
        invitation, _token = services.invitation_send(
            invited_by=request.user,
            territory=territory,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            territory_role=data.get("territory_role") or Invitation.TerritoryRole.MEMBER,
            organisation=data["organisation"],
            function=data["function"],
            body=body,
            body_role=data.get("body_role", ""),
            capacity=data.get("capacity", ""),
            message=data["message"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    except MAIL_ERRORS:
        logger.exception("Invitation mail to %s failed", data["email"])
        form.add_error(
            None,
            _(
                "Le courriel d'invitation n'a pas pu être envoyé ; rien n'a été enregistré. "
                "Réessayez dans quelques minutes."
            ),
        )
        return False
    messages.success(
        request,
        ngettext(
            "Invitation envoyée à %(email)s. Le lien est valable %(days)s jour.",
            "Invitation envoyée à %(email)s. Le lien est valable %(days)s jours.",
            settings.CODIR_INVITATION_DAYS,
        )
        % {"email": invitation.email, "days": settings.CODIR_INVITATION_DAYS},
    )
    return True


@require_http_methods(["GET", "POST"])
@login_required
def invite_to_territory(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, territory_pk)
    require(request.user, MANAGE_TERRITORY, territory)
    form = TerritoryInvitationForm(request.POST or None, territory=territory)
    if (
        form.is_bound
        and form.is_valid()
        and _send_invitation(request, form, territory=territory, body=None)
    ):
        return redirect(request.path)
    context = {
        "form": form,
        "territory": territory,
        "body": None,
        "invitations": pending_invitations_for_territory(territory),
        "invitation_days": settings.CODIR_INVITATION_DAYS,
    }
    return render(request, "people/invite.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def invite_to_body(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    require(request.user, MANAGE_BODY, body)
    form = BodyInvitationForm(request.POST or None, body=body)
    if (
        form.is_bound
        and form.is_valid()
        and _send_invitation(request, form, territory=body.territory, body=body)
    ):
        return redirect(request.path)
    context = {
        "form": form,
        "territory": body.territory,
        "body": body,
        "invitations": pending_invitations_for_body(body),
        "invitation_days": settings.CODIR_INVITATION_DAYS,
    }
    return render(request, "people/invite.html", context)


@require_POST
@login_required
def invitation_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, invitation.territory)
    try:
        services.invitation_revoke(invitation=invitation)
    except services.InvitationUnusableError:
        messages.error(request, _("Cette invitation a déjà été acceptée : elle reste valable."))
    else:
        # Named when the inviter gave a name; "de" would read as the sender.
        name = f"{invitation.first_name} {invitation.last_name}".strip()
        if name:
            message = _(
                "L’invitation adressée à %(name)s (%(email)s) est annulée : son lien ne "
                "fonctionne plus."
            ) % {"name": name, "email": invitation.email}
        else:
            message = _(
                "L’invitation adressée à %(email)s est annulée : son lien ne fonctionne plus."
            ) % {"email": invitation.email}
        messages.success(request, message)
    fallback = (
        reverse("people:invite_to_body", args=[invitation.body_id])
        if invitation.body_id
        else reverse("people:invite_to_territory", args=[invitation.territory_id])
    )
    return redirect(safe_next(request, fallback))


def _invalid_invitation(
    request: HttpRequest, invitation: Invitation | None, state: InvitationState | None
) -> HttpResponse:
    """Unknown links are 404; used, revoked and expired ones are 410 (Gone)."""
    return render(
        request,
        "people/invitation_invalid.html",
        {"invitation": invitation, "state": state.value if state else "unknown"},
        status=404 if invitation is None else 410,
    )


def _destination(invitation: Invitation) -> str:
    if invitation.body is not None:
        return invitation.body.get_absolute_url()
    return invitation.territory.get_absolute_url()


def _welcome(request: HttpRequest, invitation: Invitation) -> None:
    target = invitation.body.name if invitation.body else invitation.territory.name
    messages.success(request, _("Bienvenue dans « %(target)s ».") % {"target": target})


def _accept_with_signup(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    form = SignupFromInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if form.is_bound and form.is_valid():
        try:
            person = services.invitation_accept_with_signup(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationUnusableError as error:
            return _invalid_invitation(request, invitation, error.state)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, person, backend=MODEL_BACKEND)
            _welcome(request, invitation)
            return redirect(_destination(invitation))
    return render(
        request, "people/invitation_signup.html", {"form": form, "invitation": invitation}
    )


def _accept_as_existing(
    request: HttpRequest, invitation: Invitation, invitee: Person
) -> HttpResponse:
    if not request.user.is_authenticated:
        messages.info(
            request,
            _("Vous avez déjà un compte : connectez-vous pour accepter l'invitation."),
        )
        return redirect_to_login(request.get_full_path())
    context: dict[str, Any] = {"invitation": invitation, "errors": []}
    if request.user.pk != invitee.pk:
        return render(request, "people/invitation_wrong_person.html", context, status=403)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, person=invitee)
        except services.InvitationUnusableError as error:
            return _invalid_invitation(request, invitation, error.state)
        except ValidationError as error:
            context["errors"] = error.messages
        else:
            _welcome(request, invitation)
            return redirect(_destination(invitation))
    return render(request, "people/invitation_confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the invitation e-mail: sign up if the address is new, otherwise
    log in as that person and confirm."""
    invitation = find_invitation(token)
    if invitation is None:
        return _invalid_invitation(request, None, None)
    state = invitation_state(invitation)
    if state is not InvitationState.USABLE:
        return _invalid_invitation(request, invitation, state)
    invitee = Person.objects.filter(email__iexact=invitation.email).first()
    if invitee is None:
        return _accept_with_signup(request, invitation)
    return _accept_as_existing(request, invitation, invitee)


# People


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("people:profile")
    return render(request, "people/profile.html", {"form": form})


@require_GET
@login_required
def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    context = {
        "person": person,
        "overview": person_overview(request.user, person),
        "is_self": person.pk == request.user.pk,
    }
    return render(request, "people/person_detail.html", context)


@require_GET
@login_required
def person_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    return render_history(
        request,
        subject=person,
        entries=history_for(person),
        back_url=person.get_absolute_url(),
    )
