from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """The national data set (generate_dataset) and the floor view the benchmark measures
    against: the top layer, since the data set spans every app."""

    name = "benchmarks"
    verbose_name = _("mesures de performance")
