"""The members' pages of who answers what: the territory's overview, the grid of a
commune (and of the territory's defaults), the list of competences, the schéma de
mutualisation with its services communs and the pacte de gouvernance.

Every object comes through a loader scoped to the user's territories (404 otherwise);
the writes ask the role table (access.permissions: 403 with who may act)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import EDIT_COMMUNE_COMPETENCES, MANAGE_TERRITORY, allowed, require
from access.scopes import get_territory_for_user
from accounts.http import AuthenticatedRequest
from competences import selectors, services
from competences.forms import (
    EACH_COMMUNE,
    CompetenceForm,
    ExerciseRowForm,
    GuideForm,
    SharedServiceForm,
    organisation_choices,
    row_formset,
)
from competences.models import Competence, SharedService, TerritoryGuide
from core.forms import add_service_errors
from core.markdown import render_markdown
from documents.forms import DocumentForm
from territories.models import Organisation, Position, Territory

# The order organisations are offered in a grid row: who exercises competences most.
KIND_ORDER: dict[str, int] = {
    Organisation.Kind.COMMUNE: 0,
    Organisation.Kind.EPCI: 1,
    Organisation.Kind.SHARED_SERVICE: 2,
    Organisation.Kind.SYNDICATE: 3,
    Organisation.Kind.PARTNER: 4,
}


@login_required
@require_GET
def overview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    communes = list(selectors.communes_of(territory))
    counts = selectors.own_row_counts(territory)
    # The communes where the user holds a position now: hers to fill in, shown first.
    mine = set(
        Position.objects.current()
        .filter(person=request.user, organisation__territory=territory)
        .values_list("organisation_id", flat=True)
    )
    communes.sort(key=lambda commune: commune.pk not in mine)
    context = {
        "territory": territory,
        "guide": selectors.guide_of(territory),
        "communes": [
            (commune, counts.get(commune.pk, 0), commune.pk in mine) for commune in communes
        ],
        "competence_count": Competence.objects.filter(territory=territory).count(),
        "rights": selectors.rights(request.user, territory),
    }
    return render(request, "competences/overview.html", context)


@login_required
@require_POST
def load_reference(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, territory)
    added = services.reference_load(territory=territory)
    messages.success(
        request,
        ngettext(
            "%(count)d compétence ajoutée depuis le référentiel.",
            "%(count)d compétences ajoutées depuis le référentiel.",
            added,
        )
        % {"count": added},
    )
    return redirect("competences:overview", pk=territory.pk)


@login_required
@require_POST
def publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, territory)
    guide = selectors.guide_of(territory)
    guide.published = request.POST.get("published") == "1"
    guide.save(update_fields=["published"])
    messages.success(
        request,
        _("La page publique est publiée.")
        if guide.published
        else _("La page publique est retirée."),
    )
    return redirect("competences:overview", pk=territory.pk)


# --- The grid ---------------------------------------------------------------------------
# The grid reads: thirty rows of who answers, since when, and a note. Each row opens its
# own form in place ("Modifier", htmx; a page of its own without JavaScript): a form of
# the whole grid weighed 300 KB at 160 organisations (thirty lists of every one of them),
# so it is a page apart, for a first filling.


def _permission(territory: Territory, commune: Organisation | None) -> tuple[str, object]:
    """Who may write a grid: the territory's administrators for the defaults, those the
    role table lets edit the commune's competences for a commune."""
    if commune is None:
        return MANAGE_TERRITORY, territory
    return EDIT_COMMUNE_COMPETENCES, commune


def _grid_page(
    request: AuthenticatedRequest, territory: Territory, commune: Organisation | None
) -> HttpResponse:
    competences = selectors.competences_of(territory)
    answers = selectors.answers_for(territory, commune, competences)
    context = {
        "territory": territory,
        "commune": commune,
        "rows": [(answer, _row_url(territory, commune, answer.competence)) for answer in answers],
        "can_edit": allowed(request.user, *_permission(territory, commune)),
        "rights": selectors.rights(request.user, territory),
        # The counter sheet of the commune, once the public page is published.
        "published": commune is not None
        and TerritoryGuide.objects.filter(territory=territory, published=True).exists(),
    }
    return render(request, "competences/grid.html", context)


def _row_url(territory: Territory, commune: Organisation | None, competence: Competence) -> str:
    if commune is None:
        return reverse("competences:default_row", args=[territory.pk, competence.pk])
    return reverse("competences:commune_row", args=[commune.pk, competence.pk])


def _grid_url(territory: Territory, commune: Organisation | None) -> str:
    if commune is None:
        return reverse("competences:defaults", args=[territory.pk])
    return reverse("competences:commune", args=[commune.pk])


def _organisations(territory: Territory, commune: Organisation | None) -> list[Organisation]:
    """The organisations a row may name, the commune itself first, then by kind."""
    return sorted(
        Organisation.objects.filter(territory=territory, ended_on__isnull=True),
        key=lambda o: (
            commune is not None and o.pk != commune.pk,
            KIND_ORDER.get(o.kind, 9),
            o.name,
        ),
    )


def _initial(answer: selectors.Answer, today: date) -> dict[str, object]:
    """A row's form shows what holds (the territory's default when the commune has no row
    of its own); an empty row starts from today."""
    if answer.row is None:
        return {"since": today}
    return {
        "exercised_by": _shown_organisation(answer),
        "since": answer.row.since,
        **{name: getattr(answer.row, name) for name in services.FIELDS},
    }


def _row_page(
    request: AuthenticatedRequest,
    territory: Territory,
    commune: Organisation | None,
    competence_pk: int,
) -> HttpResponse:
    competence = selectors.get_competence_for_user(request.user, competence_pk)
    if competence.territory_id != territory.pk:
        raise Http404
    [answer] = selectors.answers_for(territory, commune, [competence])
    context: dict[str, object] = {
        "territory": territory,
        "commune": commune,
        "answer": answer,
        "row_url": _row_url(territory, commune, competence),
        "grid_url": _grid_url(territory, commune),
    }
    if request.GET.get("lecture") == "1":  # "Annuler": the row as it reads
        context["can_edit"] = allowed(request.user, *_permission(territory, commune))
        return render(request, "competences/_row.html", context)
    require(request.user, *_permission(territory, commune))
    organisations = _organisations(territory, commune)
    form = ExerciseRowForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(answer, timezone.localdate()),
        choices=organisation_choices(organisations, each_commune=commune is None),
        held_since=answer.row.since if answer.row is not None else None,
        prefix=f"c{competence.pk}",
    )
    if request.method == "POST" and form.is_valid():
        saved = _row_save(request, territory, commune, answer, form, organisations)
        if saved is not None:
            if not request.htmx:
                messages.success(request, saved)
                return redirect(f"{context['grid_url']}#c{competence.pk}")
            # The row again as it reads, the focus back on its "Modifier".
            [answer] = selectors.answers_for(territory, commune, [competence])
            context.update(answer=answer, can_edit=True, saved=saved)
            return render(request, "competences/_row.html", context)
    if not form.errors:  # the form opens: the focus goes to its first field
        form.fields["exercised_by"].widget.attrs["autofocus"] = True
    context["form"] = form
    template = "competences/_row_form.html" if request.htmx else "competences/row_form.html"
    return render(request, template, context)


def _row_save(
    request: AuthenticatedRequest,
    territory: Territory,
    commune: Organisation | None,
    answer: selectors.Answer,
    form: ExerciseRowForm,
    organisations: list[Organisation],
) -> str | None:
    """Save a row's valid form through the grid's service (one transaction): what to tell
    the user, or None when the service refused it (its message is then on the form)."""
    if not form.has_changed():
        return _("Rien n’a changé : la ligne est telle quelle.")
    try:
        services.grid_save(
            territory=territory,
            commune=commune,
            rows=[services.GridRow(answer.competence, answer.row, form.cleaned_data)],
            organisations=_organisation_keys(organisations, commune),
            actor=request.user,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return _("La ligne « %(name)s » est enregistrée.") % {"name": answer.competence.name}


def _grid_form_page(
    request: AuthenticatedRequest, territory: Territory, commune: Organisation | None
) -> HttpResponse:
    """The whole grid as one form, for a first filling of its thirty rows."""
    require(request.user, *_permission(territory, commune))
    competences = selectors.competences_of(territory)
    answers = selectors.answers_for(territory, commune, competences)
    organisations = _organisations(territory, commune)
    today = timezone.localdate()
    formset = row_formset(
        request.POST if request.method == "POST" else None,
        initial=[_initial(answer, today) for answer in answers],
        choices=organisation_choices(organisations, each_commune=commune is None),
        held=[answer.row.since if answer.row else None for answer in answers],
    )
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.GridRow(answer.competence, answer.row, form.cleaned_data)
            for answer, form in zip(answers, formset.forms, strict=True)
            if form.has_changed()
        ]
        try:
            written = services.grid_save(
                territory=territory,
                commune=commune,
                rows=rows,
                organisations=_organisation_keys(organisations, commune),
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(formset.forms[0], error)
        else:
            messages.success(
                request,
                ngettext("%(count)d ligne enregistrée.", "%(count)d lignes enregistrées.", written)
                % {"count": written},
            )
            return redirect(_grid_url(territory, commune))
    context = {
        "territory": territory,
        "commune": commune,
        "rows": list(zip(answers, formset.forms, strict=True)),
        "formset": formset,
        "grid_url": _grid_url(territory, commune),
    }
    return render(request, "competences/grid_form.html", context)


def _shown_organisation(answer: selectors.Answer) -> int | None:
    """The choice a grid row shows: "chaque commune" on the defaults, the commune itself
    on a commune's grid."""
    if answer.row is None:
        return None
    if answer.row.exercised_by_id is None:
        return answer.commune.pk if answer.commune is not None else EACH_COMMUNE
    return answer.row.exercised_by_id


def _organisation_keys(
    organisations: list[Organisation], commune: Organisation | None
) -> dict[int, Organisation | None]:
    keys: dict[int, Organisation | None] = {o.pk: o for o in organisations}
    if commune is None:
        keys[EACH_COMMUNE] = None
    return keys


@login_required
@require_GET
def commune_grid(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    commune = selectors.get_commune_for_user(request.user, pk)
    return _grid_page(request, commune.territory, commune)


@login_required
@require_http_methods(["GET", "POST"])
def commune_grid_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    commune = selectors.get_commune_for_user(request.user, pk)
    return _grid_form_page(request, commune.territory, commune)


@login_required
@require_http_methods(["GET", "POST"])
def commune_row(request: AuthenticatedRequest, pk: int, competence_pk: int) -> HttpResponse:
    commune = selectors.get_commune_for_user(request.user, pk)
    return _row_page(request, commune.territory, commune, competence_pk)


@login_required
@require_GET
def defaults(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _grid_page(request, get_territory_for_user(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def defaults_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _grid_form_page(request, get_territory_for_user(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def default_row(request: AuthenticatedRequest, pk: int, competence_pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    return _row_page(request, territory, None, competence_pk)


# --- The list of competences -------------------------------------------------------------


def _competence_form_page(
    request: AuthenticatedRequest, territory: Territory, competence: Competence | None
) -> HttpResponse:
    require(request.user, MANAGE_TERRITORY, territory)
    form = CompetenceForm(request.POST or None, instance=competence)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if competence is None:
            saved.territory = territory
            saved.is_custom = True
            saved.code = _free_code(territory, saved.name)
        saved.save()
        messages.success(request, _("La compétence est enregistrée."))
        return redirect("competences:defaults", pk=territory.pk)
    context = {"territory": territory, "competence": competence, "form": form}
    return render(request, "competences/competence_form.html", context)


def _free_code(territory: Territory, name: str) -> str:
    """A code of the territory's own for a competence it adds (the reference's codes are
    left free for the reference)."""
    base = f"territoire-{slugify(name)[:40] or 'competence'}"
    taken = set(
        Competence.objects.filter(territory=territory, code__startswith=base).values_list(
            "code", flat=True
        )
    )
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


@login_required
@require_http_methods(["GET", "POST"])
def competence_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _competence_form_page(request, get_territory_for_user(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def competence_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    competence = selectors.get_competence_for_user(request.user, pk)
    return _competence_form_page(request, competence.territory, competence)


# --- Mutualisation and pacte ---------------------------------------------------------------


@login_required
@require_GET
def mutualisation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    services_communs = (
        SharedService.objects.filter(territory=territory)
        .select_related("organisation")
        .prefetch_related("communes", "documents")
    )
    guide = selectors.guide_of(territory)
    context = {
        "territory": territory,
        "guide": guide,
        "pact_html": render_markdown(guide.pact_text) if guide.pact_text else "",
        "scheme_html": render_markdown(guide.scheme_text) if guide.scheme_text else "",
        "shared_services": list(services_communs),
        "rights": selectors.rights(request.user, territory),
    }
    return render(request, "competences/mutualisation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pact_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, territory)
    form = GuideForm(request.POST or None, instance=selectors.guide_of(territory))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le pacte et le schéma sont enregistrés."))
        return redirect("competences:mutualisation", pk=territory.pk)
    return render(request, "competences/pact_form.html", {"territory": territory, "form": form})


def _shared_service_page(
    request: AuthenticatedRequest, territory: Territory, service: SharedService | None
) -> HttpResponse:
    require(request.user, MANAGE_TERRITORY, territory)
    form = SharedServiceForm(
        request.POST or None, instance=service, communes=selectors.communes_of(territory)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.shared_service_save(
                territory=territory,
                service=service,
                name=data["name"],
                communes=list(data["communes"]),
                description=data["description"],
                agreement_start=data["agreement_start"],
                agreement_end=data["agreement_end"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le service commun est enregistré."))
            return redirect("competences:shared_service_edit", pk=saved.pk)
    context = {
        "territory": territory,
        "service": service,
        "form": form,
        "document_form": DocumentForm() if service is not None else None,
        "documents": list(service.documents.all()) if service is not None else [],
    }
    return render(request, "competences/shared_service_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def shared_service_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _shared_service_page(request, get_territory_for_user(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def shared_service_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    service = selectors.get_shared_service_for_user(request.user, pk)
    return _shared_service_page(request, service.territory, service)


@login_required
@require_POST
def shared_service_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    service = selectors.get_shared_service_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, service.territory)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.shared_document_upload(
                service=service,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le document est déposé."))
            return redirect("competences:shared_service_edit", pk=service.pk)
    context = {
        "territory": service.territory,
        "service": service,
        "form": SharedServiceForm(
            instance=service, communes=selectors.communes_of(service.territory)
        ),
        "document_form": form,
        "documents": list(service.documents.all()),
    }
    return render(request, "competences/shared_service_form.html", context, status=400)


@login_required
@require_GET
def shared_service_document(request: AuthenticatedRequest, pk: int) -> FileResponse:
    document = selectors.get_shared_document_for_user(request.user, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.mime_type,
    )
