from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """The codir as a network among networks: external actors in the three circles, the map
    of bodies, actors and people (computed with networkx), the bridges and the isolated
    networks, and the relational strategy with each actor."""

    name = "networks"
    verbose_name = "Réseaux"
