from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page: a person's bodies, functions, deadlines and actions. It sits on
    top of every app and reads from them; nothing imports it."""

    name = "home"
