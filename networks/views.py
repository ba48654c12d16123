"""Pages of the networks: the map of a territory's networks on a day, the bridges and the
isolated networks, the actors with their contacts, their people, their strategy and the
history of exchanges.

Every object is loaded through a loader scoped to the user's territories (an outsider gets
404); the members of a territory read, its administrators and the codir's facilitator
write (access.permissions.MANAGE_NETWORKS, 403 with the message otherwise).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.permissions import MANAGE_NETWORKS, allowed, require
from access.scopes import get_territory_for_user
from accounts.http import AuthenticatedRequest
from core.forms import add_service_errors
from networks import selectors, services
from networks.agendas import proposable_meetings
from networks.forms import (
    ActorForm,
    ContactForm,
    ExchangeForm,
    LinkForm,
    MapDateForm,
    StrategyForm,
)
from networks.models import Actor
from networks.overview import map_overview

# --- The map -----------------------------------------------------------------------------


def _map_context(request: AuthenticatedRequest, territory_pk: int) -> dict[str, Any]:
    territory = get_territory_for_user(request.user, territory_pk)
    form = MapDateForm(request.GET or None)
    on = form.day()
    return {
        "territory": territory,
        "form": form,
        "overview": map_overview(request.user, territory, on),
        "can_manage": allowed(request.user, MANAGE_NETWORKS, territory),
        "date_query": urlencode({"au": on.isoformat()}) if request.GET.get("au") else "",
    }


@login_required
@require_GET
def network_map(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    return render(request, "networks/map.html", _map_context(request, territory_pk))


BRIDGES_PER_PAGE = 25


@login_required
@require_GET
def bridges(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    context = _map_context(request, territory_pk)
    # The bridges are ranked in memory (betweenness on the whole graph): the page only
    # slices that list, so its queries do not depend on the page or the number of rows.
    context["bridge_page"] = Paginator(context["overview"].bridges, BRIDGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "networks/bridges.html", context)


# --- Actors ------------------------------------------------------------------------------


@login_required
@require_GET
def actor_list(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, territory_pk)
    form = MapDateForm()
    context = {
        "territory": territory,
        "actors": list(selectors.territory_actors(territory, form.day())),
        "can_manage": allowed(request.user, MANAGE_NETWORKS, territory),
    }
    return render(request, "networks/actor_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def actor_create(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, territory_pk)
    require(request.user, MANAGE_NETWORKS, territory)
    form = ActorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actor = services.actor_create(territory=territory, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L’acteur « %s » est enregistré.") % actor.name)
            return redirect(actor)
    context = {"territory": territory, "form": form, "actor": None}
    return render(request, "networks/actor_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = selectors.get_actor_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, actor)
    form = ActorForm(request.POST or None, instance=Actor.objects.get(pk=actor.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.actor_update(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L’acteur est mis à jour."))
            return redirect(actor)
    context = {"territory": actor.territory, "form": form, "actor": actor}
    return render(request, "networks/actor_form.html", context)


def agenda_proposal_url(meeting_pk: int, actor: Actor) -> str:
    """The agenda-item proposal page of a meeting, pre-filled with the actor (meetings
    reads `titre` and `texte` as the form's initial values; nothing is saved)."""
    query = urlencode(
        {
            "titre": _("Relation avec %(actor)s") % {"actor": actor.name},
            "texte": _("Point sur notre relation avec %(actor)s : %(url)s")
            % {"actor": actor.name, "url": actor.get_absolute_url()},
        }
    )
    return f"{reverse('meetings:item_propose', args=[meeting_pk])}?{query}"


@login_required
@require_GET
def actor_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = selectors.get_actor_for_user(request.user, pk)
    can_manage = allowed(request.user, MANAGE_NETWORKS, actor)
    agendas = [
        (meeting, agenda_proposal_url(meeting.pk, actor))
        for meeting in proposable_meetings(request.user, actor.territory)
    ]
    context = {
        "actor": actor,
        "territory": actor.territory,
        "contacts": list(actor.contacts.all()),
        "links": list(selectors.actor_links(actor)),
        "strategy": selectors.actor_strategy(actor),
        "exchanges": selectors.actor_exchanges(actor, request.GET.get("page")),
        "agendas": agendas,
        "can_manage": can_manage,
    }
    return render(request, "networks/actor_detail.html", context)


def _small_form_page(
    request: AuthenticatedRequest, actor: Actor, form: Any, title: str, save: Any
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("C’est enregistré."))
            return redirect(actor)
    context = {"actor": actor, "territory": actor.territory, "form": form, "title": title}
    return render(request, "networks/small_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = selectors.get_actor_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, actor)
    form = ContactForm(request.POST or None)
    return _small_form_page(
        request,
        actor,
        form,
        _("Ajouter un contact"),
        lambda data: services.contact_add(actor=actor, **data),
    )


def _confirm_page(
    request: AuthenticatedRequest, actor: Actor, title: str, lead: str, button: str
) -> HttpResponse:
    """The second step of a removal: the actor's page links here (GET), the button on this
    page does it (POST). Nothing is removed in one click."""
    context = {
        "actor": actor,
        "territory": actor.territory,
        "title": title,
        "lead": lead,
        "button": button,
    }
    return render(request, "networks/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = selectors.get_contact_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, contact.actor)
    if request.method == "GET":
        return _confirm_page(
            request,
            contact.actor,
            _("Retirer un contact"),
            _(
                "%(name)s ne figurera plus parmi les contacts de « %(actor)s ». Ses coordonnées "
                "seront effacées."
            )
            % {"name": contact.name, "actor": contact.actor.name},
            _("Retirer le contact"),
        )
    services.contact_remove(contact=contact)
    messages.success(request, _("Le contact « %s » est retiré.") % contact.name)
    return redirect(contact.actor)


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = selectors.get_actor_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, actor)
    form = LinkForm(request.POST or None, people=selectors.link_person_choices(actor.territory))
    return _small_form_page(
        request,
        actor,
        form,
        _("Ajouter une personne au réseau de l’acteur"),
        lambda data: services.link_add(actor=actor, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    link = selectors.get_link_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, link.actor)
    if request.method == "GET":
        return _confirm_page(
            request,
            link.actor,
            _("Mettre fin à un lien"),
            _(
                "%(name)s quitte le réseau de « %(actor)s » aujourd’hui. Le lien reste dans "
                "l’historique : la carte à une date passée le montre encore."
            )
            % {"name": link.person.full_name, "actor": link.actor.name},
            _("Mettre fin au lien aujourd’hui"),
        )
    services.link_end(link=link)
    messages.success(request, _("%s ne fait plus partie du réseau de l’acteur.") % link.person)
    return redirect(link.actor)


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = selectors.get_actor_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, actor)
    strategy = selectors.actor_strategy(actor)
    initial = {}
    if strategy is not None:
        initial = {
            "purpose": strategy.purpose,
            "we_expect": strategy.we_expect,
            "they_expect": strategy.they_expect,
            "owner": strategy.owner_id,
            "next_step": strategy.next_step,
            "next_step_on": strategy.next_step_on,
        }
    form = StrategyForm(
        request.POST or None,
        initial=initial,
        owners=selectors.strategy_owner_choices(actor.territory),
    )
    return _small_form_page(
        request,
        actor,
        form,
        _("Stratégie relationnelle"),
        lambda data: services.strategy_save(actor=actor, **data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = selectors.get_actor_for_user(request.user, pk)
    require(request.user, MANAGE_NETWORKS, actor)
    form = ExchangeForm(request.POST or None)
    return _small_form_page(
        request,
        actor,
        form,
        _("Noter un échange"),
        lambda data: services.exchange_add(actor=actor, recorded_by=request.user, **data),
    )
