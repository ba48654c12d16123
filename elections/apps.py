from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "elections"
    verbose_name = _("élections sans candidat")

    def ready(self) -> None:
        from elections.subjects import register_election_subject

        register_election_subject()  # the consent proposal's adoption assigns the role
