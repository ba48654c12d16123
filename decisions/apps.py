from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = _("décisions")

    def ready(self) -> None:
        from decisions.proposals.subjects import register_governance_subjects
        from decisions.register.minutes import adopted_in_meeting
        from minutes.drafting import register_adopted_reader

        register_governance_subjects()  # the charter and the framework, adopted by consent
        # The minutes draft lists the register entries adopted in the meeting.
        register_adopted_reader(adopted_in_meeting)
