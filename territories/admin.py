from django.contrib import admin

from core.admin_base import CleanModelAdmin, CleanTabularInline
from territories.models import Organisation, Position, Territory, TerritoryMember


class TerritoryMemberInline(CleanTabularInline):
    model = TerritoryMember
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Territory)
class TerritoryAdmin(CleanModelAdmin):
    list_display = ["name", "siren", "epci_type", "imported_at"]
    search_fields = ["name", "siren"]
    inlines = [TerritoryMemberInline]


@admin.register(Organisation)
class OrganisationAdmin(CleanModelAdmin):
    list_display = ["name", "kind", "territory", "insee_code", "population", "ended_on"]
    list_filter = ["kind", "territory"]
    search_fields = ["name", "insee_code", "siren"]
    readonly_fields = ["is_official"]


@admin.register(Position)
class PositionAdmin(CleanModelAdmin):
    list_display = ["person", "function", "organisation", "start_date", "end_date"]
    list_filter = ["function"]
    search_fields = ["person__last_name", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]
