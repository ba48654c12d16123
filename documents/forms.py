"""The upload form. It asks for a file and a title; the checks on the file (size, type,
content) are in documents.files, run by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from documents.files import accepted_extensions_label


class DocumentForm(Form):
    file = forms.FileField(
        label=_("Fichier"),
        error_messages={
            "required": _("Choisissez un fichier à déposer."),
            "empty": _("Le fichier est vide."),
        },
    )
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        required=False,
        help_text=_("Laissez vide pour reprendre le nom du fichier."),
    )

    def __init__(self, *args: Any, title_help: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Types acceptés : %(types)s. Taille maximale : %(limit)s."
        ) % {
            "types": accepted_extensions_label(),
            "limit": filesizeformat(settings.CODIR_UPLOAD_MAX_BYTES),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in settings.CODIR_UPLOAD_TYPES
        )
        if title_help:
            self.fields["title"].help_text = title_help
