from django.apps import AppConfig


class ParityConfig(AppConfig):
    """Parity of voice: who proposed, presented, facilitated, took the minutes, hosted,
    objected and answered, by person, by organisation and by size class, against an equal
    share, with a Gini figure and its trend. It reads the records of the apps below."""

    name = "parity"
    verbose_name = "Parité de voix"
