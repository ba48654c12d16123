from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "Accès"

    def ready(self) -> None:
        # The permissions of the role table register themselves with `rules`.
        from access import permissions  # noqa: F401
