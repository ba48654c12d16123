"""The bases of the project's Django admin pages (the operator's back office): their
forms clean text like every other form of the project (core.forms.CleanTextMixin), so
that a line break typed into a body's name in the admin cannot break every mail built
from it later. core/tests/test_admin_forms.py checks every registered admin uses them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from core.forms import ModelForm


class CleanModelAdmin(admin.ModelAdmin[Any]):
    form = ModelForm


class CleanTabularInline(admin.TabularInline[Any, Any]):
    form = ModelForm
