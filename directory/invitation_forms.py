"""Forms to invite someone to a territory or a body, and to sign up from an invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_ATTRS
from accounts.models import Invitation, Person
from bodies.models import Body, BodyMembership
from core.forms import Form
from core.french import french_date
from territories.models import Organisation, Position, Territory


def _pending_date(invitation: Invitation) -> str:
    return french_date(localtime(invitation.created_at), "j F Y")


class InvitationForm(Form):
    """Who to invite into a territory, and what they will hold once they accept.

    Subclassed for a body. The duplicate checks live here so that the typed values
    are shown again with the reason of the refusal.
    """

    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs=EMAIL_ATTRS),
    )
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    last_name = forms.CharField(
        label=_("Nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— aucune —"),
        help_text=_(
            "Facultatif. Avec une fonction, la personne sera enregistrée dans cette "
            "organisation dès qu'elle acceptera."
        ),
    )
    function = forms.ChoiceField(
        label=_("Fonction"),
        choices=[("", _("— aucune —")), *Position.Function.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("Message personnel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facultatif. Il figurera dans le courriel d'invitation."),
    )

    def __init__(self, *args: Any, territory: Territory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.territory = territory
        organisations = self.fields["organisation"]
        assert isinstance(organisations, forms.ModelChoiceField)
        organisations.queryset = territory.organisations.filter(ended_on__isnull=True).order_by(
            "name"
        )

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        self.check_not_already_in(email)
        self.check_no_pending_invitation(email)
        return email

    def check_not_already_in(self, email: str) -> None:
        if self.territory.members.filter(person__email__iexact=email).exists():
            raise ValidationError(
                _("Cette personne fait déjà partie du territoire « %(territory)s »."),
                code="already_member",
                params={"territory": self.territory.name},
            )

    def pending_invitations(self, email: str) -> Any:
        return Invitation.objects.pending().filter(
            territory=self.territory, body__isnull=True, email__iexact=email
        )

    def check_no_pending_invitation(self, email: str) -> None:
        pending = self.pending_invitations(email).first()
        if pending is not None:
            raise ValidationError(
                _(
                    "Une invitation envoyée à cette adresse le %(date)s attend encore sa "
                    "réponse. Annulez-la dans la liste des invitations en attente avant "
                    "d'en envoyer une nouvelle."
                ),
                code="already_invited",
                params={"date": _pending_date(pending)},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_organisation = cleaned.get("organisation") is not None
        has_function = bool(cleaned.get("function"))
        if has_organisation and not has_function:
            self.add_error(
                "function", _("Choisissez la fonction que la personne exerce dans l'organisation.")
            )
        if has_function and not has_organisation:
            self.add_error("organisation", _("Choisissez l'organisation de cette fonction."))
        return cleaned


class TerritoryInvitationForm(InvitationForm):
    territory_role = forms.ChoiceField(
        label=_("Rôle dans le territoire"),
        choices=Invitation.TerritoryRole.choices,
        initial=Invitation.TerritoryRole.MEMBER,
        help_text=_("Un administrateur invite des personnes et gère les instances du territoire."),
    )

    field_order = ["email", "first_name", "last_name", "organisation", "function"]


class BodyInvitationForm(InvitationForm):
    body_role = forms.ChoiceField(
        label=_("Rôle dans l'instance"),
        choices=BodyMembership.Role.choices,
        initial=BodyMembership.Role.MEMBER,
        help_text=_(
            "Un invité voit cette instance et elle seule : il n'accède pas au reste du territoire."
        ),
    )

    capacity = forms.CharField(
        label=_("À quel titre"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : experte en co-développement, élu référent. Facultatif."),
    )

    field_order = [
        "email",
        "first_name",
        "last_name",
        "body_role",
        "capacity",
        "organisation",
        "function",
    ]

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        self.body = body
        super().__init__(*args, territory=body.territory, **kwargs)

    def check_not_already_in(self, email: str) -> None:
        sits = BodyMembership.objects.current().filter(body=self.body, person__email__iexact=email)
        if sits.exists():
            raise ValidationError(
                _("Cette personne siège déjà dans l'instance « %(body)s »."),
                code="already_member",
                params={"body": self.body.name},
            )

    def pending_invitations(self, email: str) -> Any:
        return Invitation.objects.pending().filter(body=self.body, email__iexact=email)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        is_guest = cleaned.get("body_role") == BodyMembership.Role.GUEST
        if is_guest and cleaned.get("organisation") is not None:
            # A position would open the whole territory to the guest.
            self.add_error(
                "organisation",
                _(
                    "Un invité ne reçoit pas de fonction dans le territoire : laissez "
                    "l'organisation vide ou choisissez un autre rôle."
                ),
            )
        return cleaned


class SignupFromInvitationForm(Form):
    """The account of someone new, created when they accept their invitation."""

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Au moins 8 caractères ; ni trop courant, ni uniquement des chiffres, ni trop "
            "proche de votre nom ou de votre adresse."
        ),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Saisissez le même mot de passe, pour vérification."),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password2:
            # Validated against the would-be person, so that a password made of the
            # name or the address is refused.
            candidate = Person(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password2, candidate)
            except ValidationError as error:
                self.add_error("password2", error)
        return cleaned
