from django.apps import AppConfig


class LegalConfig(AppConfig):
    """The pages the law asks of a public service's site: the accessibility statement
    (RGAA 4.1), the legal notice and the personal data page, public and linked from every
    page's footer; and the purge of the connection records they promise. It sits in the
    top layer because the personal data page describes what every app keeps; nothing
    imports it."""

    name = "legal"
    verbose_name = "Pages légales"
