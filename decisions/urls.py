"""URLs of decisions: the reference framework (framework_urls.py), proposals and their
processes (proposal_urls.py), the register (register_urls.py)."""

from django.urls import URLPattern

from decisions.framework_urls import framework_urlpatterns
from decisions.proposal_urls import proposal_urlpatterns
from decisions.register_urls import register_urlpatterns

app_name = "decisions"

urlpatterns: list[URLPattern] = [
    *framework_urlpatterns,
    *proposal_urlpatterns,
    *register_urlpatterns,
]
