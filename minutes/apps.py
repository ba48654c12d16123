from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("comptes-rendus")

    def ready(self) -> None:
        from meetings.models import Meeting
        from minutes.receivers import meeting_saved

        post_save.connect(meeting_saved, sender=Meeting, dispatch_uid="minutes_approvals")
