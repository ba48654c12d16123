"""Codir settings: one module, read from environment variables.

SQLite by default so that a clone runs with nothing else installed; PostgreSQL when
DATABASE_URL says so. Production needs CODIR_SECRET_KEY and CODIR_ALLOWED_HOSTS; DEBUG is
off unless CODIR_DEBUG=1 (README.md lists the variables).
"""

import os
import sys
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Off unless CODIR_DEBUG=1: a deployment that forgets the variable must not show Django's
# technical pages. `make demo`, `make serve` and the tests (pytest is loaded when pytest-django
# reads this module) turn it on; pytest-django still runs each test with DEBUG off.
DEBUG = env_bool("CODIR_DEBUG", "pytest" in sys.modules)
SECRET_KEY = env_str("CODIR_SECRET_KEY", "insecure-dev-key-only-for-a-local-clone-" + "x" * 20)
ALLOWED_HOSTS = env_list("CODIR_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CODIR_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("CODIR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "auditlog",
    "rules",
    "core",
    "accounts",
    "territories",
    "bodies",
    "access",
    "directory",
    "governance",
    "meetings",
    "minutes",
    "documents",
    "decisions",
    "elections",
    "followup",
    "audit",
    # Reflection and networks: they read the core loop's records.
    "reflection",
    "parity",
    "networks",
    "competences",
    # The top layer: they read the apps above and nothing imports them.
    "home",
    "demo",
    "benchmarks",
    "legal",
]
# The benchmark's floor view (benchmarks/views.py), mounted only when this is on.
CODIR_BENCH_FLOOR = env_bool("CODIR_BENCH_FLOOR", False)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # With the database down, a 503 and a French page (core/unavailable.py).
    "core.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "access.middleware.RequestRolesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes must come last: it answers a locked-out login attempt itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "codir.urls"
WSGI_APPLICATION = "codir.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # French typography on every page: "1er janvier", "Ko", "du Girouard"
            # (core/templatetags/french.py).
            "builtins": ["core.templatetags.french"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections: opening one per request cost about 40 % of throughput
        # on PostgreSQL (issue 9). The health check reopens a connection the server closed.
        # On PostgreSQL the pool below replaces them (CODIR_DB_POOL=0 brings them back).
        conn_max_age=env_int("CODIR_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "CODIR_DB_POOL", True
):
    # Under ASGI each request runs in its own context: a persistent connection
    # (CONN_MAX_AGE) would not be reused, so connections are kept in psycopg's pool
    # instead (Django's "pool" option, which requires CONN_MAX_AGE = 0). docs/deploy.md.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("CODIR_DB_POOL_SIZE", 10),
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the background worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Invitations: single use, valid this many days.
CODIR_INVITATION_DAYS = env_int("CODIR_INVITATION_DAYS", 14)

# The legal pages (legal app): who publishes the site, who hosts it, whom to write to.
# The defaults say plainly that the deployment has not filled them in.
CODIR_PUBLISHER_NAME = env_str("CODIR_PUBLISHER_NAME", "[nom de la collectivité éditrice]")
CODIR_PUBLISHER_ADDRESS = env_str("CODIR_PUBLISHER_ADDRESS", "[adresse postale de l'éditeur]")
CODIR_PUBLISHER_EMAIL = env_str("CODIR_PUBLISHER_EMAIL", "[adresse électronique de contact]")
CODIR_PUBLICATION_DIRECTOR = env_str(
    "CODIR_PUBLICATION_DIRECTOR", "[nom et fonction du directeur ou de la directrice]"
)
CODIR_HOST_NAME = env_str("CODIR_HOST_NAME", "[nom de l'hébergeur]")
CODIR_HOST_ADDRESS = env_str("CODIR_HOST_ADDRESS", "[adresse de l'hébergeur]")
CODIR_PRIVACY_EMAIL = env_str("CODIR_PRIVACY_EMAIL")  # the publisher's address if empty
CODIR_ACCESSIBILITY_EMAIL = env_str("CODIR_ACCESSIBILITY_EMAIL")  # idem
# Logins and failed logins (address, browser) are purged after this many days
# (manage.py purge_connections, daily).
CODIR_CONNECTION_LOG_DAYS = env_int("CODIR_CONNECTION_LOG_DAYS", 180)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("CODIR_MEDIA_ROOT", str(BASE_DIR / "media")))
# Several app servers share files on a common volume (CODIR_MEDIA_ROOT) or in an
# S3-compatible bucket: CODIR_S3_BUCKET switches the default storage to django-storages
# (installed separately: `pip install "django-storages[s3]"`; docs/deploy.md). The bucket
# stays private: every file is served through a view that applies the access policy.
if env_str("CODIR_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("CODIR_S3_BUCKET"),
            "endpoint_url": env_str("CODIR_S3_ENDPOINT") or None,
            "region_name": env_str("CODIR_S3_REGION") or None,
            "access_key": env_str("CODIR_S3_ACCESS_KEY") or None,
            "secret_key": env_str("CODIR_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }

# E-mail: the console by default; SMTP when CODIR_EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env_str("CODIR_FROM_EMAIL", "Codir <codir@localhost>")
EMAIL_HOST = env_str("CODIR_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("CODIR_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("CODIR_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_str("CODIR_EMAIL_PASSWORD")
    EMAIL_USE_TLS = env_bool("CODIR_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Calendar answers (meetings/itip.py, docs/deploy.md): the invitations name this address
# as their organiser, so that Outlook and Thunderbird send their "accept / decline"
# (iTIP REPLY) there. Mail to it is piped to `manage.py read_itip_reply`, or the command
# polls its IMAP mailbox with --imap (CODIR_ITIP_IMAP_*). By default, the sender address.
CALENDAR_REPLY_EMAIL = env_str("CODIR_CALENDAR_REPLY_EMAIL") or parseaddr(DEFAULT_FROM_EMAIL)[1]
ITIP_IMAP_HOST = env_str("CODIR_ITIP_IMAP_HOST")
ITIP_IMAP_PORT = env_int("CODIR_ITIP_IMAP_PORT", 993)
ITIP_IMAP_USER = env_str("CODIR_ITIP_IMAP_USER")
ITIP_IMAP_PASSWORD = env_str("CODIR_ITIP_IMAP_PASSWORD")
ITIP_IMAP_FOLDER = env_str("CODIR_ITIP_IMAP_FOLDER", "INBOX")

# Background jobs (django-tasks): e-mails leave through the database queue, sent by
# `manage.py db_worker` (`make worker`). Tests run them at once.
TASKS = {"default": {"BACKEND": env_str("CODIR_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Register exports (decisions/register/export_jobs.py): a PDF or ODT of more decisions
# than this is prepared by the task queue and downloaded when ready (the CSV always
# streams); the prepared file is kept this many hours, then `purge_register_exports`
# deletes it. Files go to the default storage (STORAGES, see docs/deploy.md for S3).
CODIR_EXPORT_SYNC_MAX = env_int("CODIR_EXPORT_SYNC_MAX", 200)
CODIR_EXPORT_KEEP_HOURS = env_int("CODIR_EXPORT_KEEP_HOURS", 24)
# WeasyPrint lays a PDF out whole: about 1.2 GB for 4,200 decisions (docs/benchmark.md).
# Above this many decisions the PDF is not offered (ODT and CSV are), so that the memory
# of a worker stays bounded whatever the register's size.
CODIR_EXPORT_PDF_MAX = env_int("CODIR_EXPORT_PDF_MAX", 5000)

# Meeting mails that fail to leave are tried again this many times in all, after 1, 4,
# 16... minutes (meetings/mails.py).
CODIR_MAIL_ATTEMPTS = env_int("CODIR_MAIL_ATTEMPTS", 4)

# Uploaded documents: size limit and the types accepted (extension → MIME type).
CODIR_UPLOAD_MAX_BYTES = env_int("CODIR_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
CODIR_UPLOAD_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
}

# Login throttling (django-axes): lock an e-mail and address pair after 5 failures, and
# an address after 20 failures whatever the accounts tried (accounts/throttle.py).
AXES_FAILURE_LIMIT = env_int("CODIR_AXES_FAILURE_LIMIT", 5)
CODIR_AXES_ADDRESS_FAILURE_LIMIT = env_int("CODIR_AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_HANDLER = "accounts.throttle.AddressThrottleHandler"
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("CODIR_AXES_ENABLED", True)

# Content Security Policy: no inline scripts; htmx and our own scripts come from /static.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# django-auditlog: record who changed what, with before/after values.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("CODIR_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("CODIR_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CODIR_LOG_LEVEL", "WARNING")},
}
