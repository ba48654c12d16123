"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.validators import clean_line, clean_text


class CleanTextMixin(forms.BaseForm):
    """Every character field of the form is cleaned by core.validators once its own
    cleaning is done: a single-line field (any widget but a text area) refuses control
    characters and loses its bidirectional controls; a text area refuses NUL and the
    other controls but keeps its line breaks. Passwords are left as typed.

    One check in the base of every form rather than a validator on each field: a field
    added tomorrow is covered without anyone remembering it (core/tests/test_validators.py
    checks that every form of the project derives from this base)."""

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]  # private in django-stubs
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str):
                continue
            if isinstance(field.widget, forms.PasswordInput):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            try:
                self.cleaned_data[name] = clean_text(value) if multiline else clean_line(value)
            except ValidationError as error:
                self.add_error(name, error)


class Form(CleanTextMixin, forms.Form):
    """The base of the project's forms (CleanTextMixin)."""


class ModelForm(CleanTextMixin, forms.ModelForm):
    """The base of the project's model forms (CleanTextMixin)."""


class LongSelect(forms.Select):
    """A select of many options (a territory's 160 organisations) written in one pass:
    Django renders each option through its own template, about 0.1 ms apiece, so that the
    register's filters of the busiest territory cost more than its 25 rows. Same HTML as
    forms.Select (one line); option groups fall back to Django's rendering."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        choices = [(str(key), label) for key, label in self.choices]
        if any(isinstance(label, (list, tuple)) for _key, label in choices):
            return super().render(name, value, attrs, renderer)
        final_attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        # As django/forms/widgets/attrs.html: True is a bare attribute, False none.
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if given is True else format_html(' {}="{}"', key, given),)
                for key, given in final_attrs.items()
                if given is not False
            ),
        )
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if key in selected else "", label)
                for key, label in choices
            ),
        )
        return format_html("<select{}>{}</select>", attributes, options)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a ValidationError raised by a service on the form: on its field when the form
    has that field, above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        for message in errors:
            form.add_error(target if field != NON_FIELD_ERRORS else None, message)
