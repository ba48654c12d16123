from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = _("décisions")

    def ready(self) -> None:
        from decisions.proposals.subjects import register_governance_subjects

        register_governance_subjects()  # the charter and the framework, adopted by consent
