from django.apps import AppConfig


class CompetencesConfig(AppConfig):
    """Who answers what: the reference list of competences, who exercises each one in each
    commune (dated), the services communs and the pacte de gouvernance, the users' life
    scenarios, and the public guidance page of a territory."""

    name = "competences"
    verbose_name = "Qui répond à quoi"
