from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "governance"
    verbose_name = _("gouvernance")

    def ready(self) -> None:
        # The access policy (a lower layer) asks the charter whether the secretary runs
        # the meetings too; models are loaded only from here on.
        from access.roles import set_secretary_rule
        from governance.selectors import secretary_runs_meetings

        set_secretary_rule(secretary_runs_meetings)
