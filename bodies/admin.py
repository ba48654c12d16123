from django.contrib import admin

from bodies.models import Body, BodyMembership


class MembershipInline(admin.TabularInline):
    model = BodyMembership
    autocomplete_fields = ["person"]
    raw_id_fields = ["position"]
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "circle", "territory"]
    list_filter = ["kind", "circle", "territory"]
    search_fields = ["name"]
    inlines = [MembershipInline]
