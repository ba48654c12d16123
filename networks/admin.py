from django.contrib import admin

from core.admin_base import CleanModelAdmin, CleanTabularInline
from networks.models import Actor, ActorContact, ActorLink, Exchange, Strategy


class ContactInline(CleanTabularInline):
    model = ActorContact
    extra = 0


class LinkInline(CleanTabularInline):
    model = ActorLink
    extra = 0
    raw_id_fields = ("person",)


@admin.register(Actor)
class ActorAdmin(CleanModelAdmin):
    list_display = ("name", "territory", "kind", "circle")
    list_filter = ("kind", "circle")
    search_fields = ("name",)
    inlines = [ContactInline, LinkInline]


@admin.register(Strategy)
class StrategyAdmin(CleanModelAdmin):
    list_display = ("actor", "owner", "next_step_on")
    raw_id_fields = ("actor", "owner")


@admin.register(Exchange)
class ExchangeAdmin(CleanModelAdmin):
    list_display = ("actor", "on", "participants")
    raw_id_fields = ("actor", "recorded_by")
