"""Forms of the accounts pages: login, invitations, sign-up from an invitation, profile."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from core.forms import CleanTextMixin, ModelForm

EMAIL_ATTRS = {"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}


class EmailAuthenticationForm(CleanTextMixin, AuthenticationForm):
    """Log in with an e-mail address, whatever its case.

    The address is lower-cased before authentication so that django-axes counts
    "Marc@Example.fr" and "marc@example.fr" as the same person when it throttles.
    """

    username = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, **EMAIL_ATTRS}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie ; "
            "après plusieurs échecs, la connexion est bloquée pendant une heure."
        ),
        "inactive": _("Ce compte est désactivé. Contactez l'administrateur de votre territoire."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class EmailPasswordResetForm(CleanTextMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs=EMAIL_ATTRS),
    )


class ProfileForm(ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "phone",
            "agreement",
            "presentation",
            "stakes",
            "difficulties",
            "projects",
            "expertise",
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "presentation": forms.Textarea(attrs={"rows": 4}),
            "stakes": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 4}),
            "projects": forms.Textarea(attrs={"rows": 4}),
            "expertise": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "phone": _(
                "Visible des personnes qui partagent un territoire ou une instance avec vous."
            ),
            "presentation": _("Votre rôle, votre organisation, ce qui occupe vos semaines."),
            "stakes": _("Ce qui compte pour votre organisation et pour vous en ce moment."),
            "difficulties": _("Ce sur quoi vous butez : vos pairs ont peut-être une piste."),
            "projects": _("Ce que vous lancez ou préparez, où d'autres pourraient s'associer."),
        }
