"""« Soumettre au consentement », from the pages of the texts a body adopts (governance):
a consent proposal carries the draft, which is frozen while it runs; its page is next.
The paths are those the charter and framework pages always posted to. Who may submit:
those who write the drafts (access.permissions.DRAFT_TEXTS); the others who may see
the text get 403, outsiders 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.permissions import DRAFT_TEXTS, allowed
from accounts.http import AuthenticatedRequest
from decisions.proposals.services import subject_submit
from governance.models import AdoptableText
from governance.selectors import get_charter_for_user, get_framework_version_for_user


def _submit(request: AuthenticatedRequest, text: AdoptableText, done: str) -> HttpResponse:
    if not allowed(request.user, DRAFT_TEXTS, text.body):
        raise PermissionDenied
    try:
        proposal = subject_submit(subject=text, proposer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(text)
    messages.success(request, done)
    return redirect(proposal)


@require_POST
@login_required
def charter_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _submit(
        request,
        get_charter_for_user(request.user, pk),
        _(
            "Le projet de charte est soumis au consentement des membres : il ne change plus "
            "tant que la proposition est en cours."
        ),
    )


@require_POST
@login_required
def framework_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _submit(
        request,
        get_framework_version_for_user(request.user, pk),
        _(
            "Le projet est soumis au consentement des membres : il ne change plus tant que la "
            "proposition est en cours."
        ),
    )
