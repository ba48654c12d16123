"""URLs of decisions: proposals and their processes (proposal_urls.py), the register
(register_urls.py) under /decisions/; and, at the paths the pages they serve always
used, the submission of a charter or framework draft to consent and the consent panel
of the live meeting (under /reunions/)."""

from django.urls import URLPattern, URLResolver, include, path

from decisions.live import views as live_views
from decisions.proposals import subject_views
from decisions.proposals.urls import proposal_urlpatterns
from decisions.register.urls import register_urlpatterns

app_name = "decisions"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "decisions/",
        include(
            [
                path(
                    "cadres/<int:pk>/consentement/",
                    subject_views.framework_submit,
                    name="framework_submit",
                ),
                *proposal_urlpatterns,
                *register_urlpatterns,
            ]
        ),
    ),
    path(
        "reunions/",
        include(
            [
                path(
                    "chartes/<int:pk>/adoption/",
                    subject_views.charter_submit,
                    name="charter_submit",
                ),
                path(
                    "propositions/<int:pk>/en-direct/consentement/",
                    live_views.consent_action,
                    name="live_consent",
                ),
            ]
        ),
    ),
]
