from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from meetings.digest import register_digest_section


class FollowupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "followup"
    verbose_name = _("suivi des décisions")

    def ready(self) -> None:
        # The reminders of the day go in the daily digest that meetings sends. Imported
        # here: the reminders use the models, which are loaded only now.
        from followup.reminders import DIGEST_SECTION

        register_digest_section("followup", DIGEST_SECTION)
