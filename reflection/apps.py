from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    """The codir looking at itself: the opération miroir (questionnaires answered anonymously
    by construction, results over a threshold, trends between sessions) and the maturity
    self-assessment. A mirror's action plan is one more subject a body can adopt."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reflection"
    verbose_name = _("réflexion : miroir et maturité")

    def ready(self) -> None:
        from reflection.audit import register_audited
        from reflection.subjects import register_plan_subject

        register_plan_subject()  # the mirror's action plan, adopted by consent
        register_audited()  # the sessions and rounds, never the answers
