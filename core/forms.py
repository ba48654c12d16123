"""Form helpers shared by every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

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
