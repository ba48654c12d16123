from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        # The receivers that give an agenda a new version when its rows change: connected
        # in every process (web, worker, commands), not only where the views are loaded.
        from meetings import agenda_cache  # noqa: F401
