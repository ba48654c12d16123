"""The one cleaning of typed text (core/validators.py) and the form base that applies it
to every character field of every form (core/forms.py)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from core.forms import CleanTextMixin, Form
from core.validators import clean_line, clean_text, one_line

RLO = "\u202e"


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85"])
def test_a_single_line_refuses_control_characters(char: str) -> None:
    with pytest.raises(ValidationError, match="tient sur une ligne"):
        clean_line(f"Achats{char}groupés")


@pytest.mark.parametrize("char", ["\u202a", "\u202d", RLO, "\u2066", "\u2069", "\u200e", "\u200f"])
def test_a_single_line_loses_its_bidirectional_controls(char: str) -> None:
    assert clean_line(f"Marc{char} Membre{char}") == "Marc Membre"


def test_a_text_keeps_its_line_breaks_and_refuses_nul() -> None:
    assert clean_text("Un.\r\n\tDeux.\n") == "Un.\r\n\tDeux.\n"
    for char in ["\x00", "\x08", "\x1b", "\x9b"]:
        with pytest.raises(ValidationError, match="caractère invisible"):
            clean_text(f"Notes{char}")


def test_one_line_makes_a_safe_subject_of_any_text() -> None:
    assert one_line(f"Achats\r\ngroupés\x00 \u2028{RLO}Bcc: x@example.fr\n") == (
        "Achats groupés Bcc: x@example.fr"
    )


class Sample(Form):
    title = forms.CharField()
    text = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False, strip=False)


def test_the_form_base_refuses_a_line_break_in_a_single_line_field_in_french() -> None:
    form = Sample({"title": "Achats\r\nBcc: x@example.fr", "text": "Un.\nDeux."})
    assert not form.is_valid()
    assert "tient sur une ligne" in form.errors["title"][0]
    assert "text" not in form.errors


def test_the_form_base_strips_bidi_controls_and_keeps_text_and_passwords() -> None:
    form = Sample({"title": f"{RLO}Achats groupés", "text": "Un.\r\nDeux.", "password": "a\tb"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "title": "Achats groupés",
        "text": "Un.\r\nDeux.",
        "password": "a\tb",
    }


def test_the_form_base_refuses_nul_in_a_text_area() -> None:
    form = Sample({"title": "Titre", "text": "Un\x00deux"})
    assert not form.is_valid()
    assert form.errors["text"]


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's apps (their forms modules imported)."""
    root = Path(settings.BASE_DIR)
    apps = {path.parent.name for path in root.glob("*/apps.py")}
    for path in root.glob("*/**/*forms.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in apps and "tests" not in relative.parts:
            importlib.import_module(".".join(relative.with_suffix("").parts))
    found: list[type[forms.BaseForm]] = []
    pending: list[type[forms.BaseForm]] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.split(".")[0] in apps - {"core"} and ".tests" not in sub.__module__:
                found.append(sub)
    return found


def test_every_form_of_the_project_cleans_its_text() -> None:
    found = _project_forms()
    assert len(found) > 30  # the walk found the forms
    assert [f for f in found if not issubclass(f, CleanTextMixin)] == []
