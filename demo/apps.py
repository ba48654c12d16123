from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo loader (`manage.py demo_load`, `demo_logins`): the demo territory's people
    and bodies, then every app's demo through demo/registry.py. Top layer: nothing
    imports it."""

    name = "demo"
