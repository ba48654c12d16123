from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    """The codir looking at itself: the opération miroir (questionnaires answered anonymously
    by construction, results over a threshold, trends between sessions) and the maturity
    self-assessment. A mirror's action plan is one more subject a body can adopt."""

    name = "reflection"
    verbose_name = "Réflexion"
