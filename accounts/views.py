"""Login, logout and passwords."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

from accounts.forms import EmailAuthenticationForm, EmailPasswordResetForm

logger = logging.getLogger(__name__)


# Login, logout and passwords: Django's views with our forms and French templates.
# Django's form views treat PUT as POST; these pages only answer GET and POST.
FORM_METHODS = ["get", "post", "head", "options"]


class LoginView(auth_views.LoginView):
    http_method_names = FORM_METHODS
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    http_method_names = FORM_METHODS
    form_class = EmailPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    email_template_name = "accounts/emails/password_reset.txt"
    html_email_template_name = "accounts/emails/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # The link is built from SITE_URL, not from the request's Host header.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "validity_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    http_method_names = FORM_METHODS
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    http_method_names = FORM_METHODS
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")
