"""Settings shared by every environment.

Everything that differs between a laptop, CI and production comes from the environment:

- ``DATABASE_URL``: PostgreSQL in production and CI (default: SQLite in ``var/``).
- ``REDIS_URL``: Celery broker and cache (default: a filesystem broker that needs no server).
- ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS``, ``DJANGO_DEBUG``.
- ``GPAI_*``: the rules that the Commission may change (threshold, reassessment scope, periods).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("GPAI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool) -> bool:
    """An environment boolean: one of the known spellings, or start-up stops naming the variable
    (``GPAI_REQUIRE_SECOND_FACTOR=ture`` must not quietly mean "off")."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of "
        f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS))}."
    )


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, overridden in templates/django/forms/ (ECL classes)
    "django_countries",
    "django_celery_beat",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "health_check",
    "auditlog",
    "gpai_cases.accounts",
    "gpai_cases.providers",
    "gpai_cases.documents",
    "gpai_cases.cases",
    "gpai_cases.obligations",
    "gpai_cases.letters",
    "gpai_cases.reminders",
    "gpai_cases.register",
    "gpai_cases.assessment",
    "gpai_cases.workspace",
    "gpai_cases.portal",
    "gpai_cases.api",
    "gpai_cases.core",
    "gpai_cases.demo",
]

MIDDLEWARE = [
    "gpai_cases.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gpai_cases.core.middleware.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gpai_cases.accounts.language.UserLanguageMiddleware",
    "gpai_cases.core.middleware.NoStoreMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gpai_cases.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling first
    "django.contrib.auth.backends.ModelBackend",
]

# --- REST API v1 ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["gpai_cases.api.authentication.LanguageTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "gpai_cases.api.parsers.SafeJSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gpai_cases.api.errors.handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GPAI Cases API",
    "DESCRIPTION": "The procedure of Articles 51-52 AI Act for providers' and the AI Office's systems.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # one name for a choice set that several fields use
    "ENUM_NAME_OVERRIDES": {"IncidentStageEnum": "gpai_cases.obligations.models.IncidentStage"},
}

# --- Change history of reference data (django-auditlog; gpai_cases/core/history.py) -------------
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- Security ------------------------------------------------------------------------------------
# Login throttling (django-axes): 5 failures per account and address lock for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"
# An e-mail typed in another case is the same account, for sign-in and for throttling alike.
AXES_USERNAME_CALLABLE = "gpai_cases.accounts.signals.typed_username"
# A second factor (TOTP) for the AI Office's roles, enrolled at first sign-in; providers may opt in.
GPAI_REQUIRE_SECOND_FACTOR = env_bool("GPAI_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = "EU AI Office GPAI Cases"
# Content-Security-Policy without 'unsafe-inline': our pages load only our own scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "gpai_cases.urls"
# Sessions live in the database only, with or without Redis: a Redis outage never signs anyone
# out nor fails a page, and a sign-out ends the session everywhere at once (ADR 0006).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CSRF_FAILURE_VIEW = "gpai_cases.core.views.csrf_failure"
WSGI_APPLICATION = "gpai_cases.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gpai_cases.reminders.context.unread",
            ],
            # {% url 'name' %} reversed once per process (core/templatetags/urls.py)
            "builtins": ["gpai_cases.core.templatetags.urls"],
        },
    },
    {
        # The rows of the long lists only (gpai_cases/core/rows.py, docs/adr/0026): markup and
        # prepared values, no words of their own; every page stays a Django template.
        "NAME": "rows",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "gpai_cases.core.rows.environment"},
    },
]

# Widgets render through the template engine, so templates/django/forms/widgets/ give every input
# its Europa Component Library class without styling in forms.py (ADR 0017).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; wait instead of failing on a lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and statements run often on a connection prepared once:
    # PostgreSQL then skips planning them again (planning a list page's six-table join costs more
    # than running it). Persistent connections keep the prepared statements.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": env_bool("GPAI_PG_SERVER_SIDE_BINDING", True),
        "prepare_threshold": 2,
        # JIT compiling pays off for long analytical queries, not for ours: it added 10 ms to
        # 50 ms queries of the reminder sweep whose cost estimates crossed its threshold
        "options": "-c jit=off",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["gpai_cases.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "gpai_language"
# The 24 official languages of the EU (Regulation No 1 of 1958, Article 1), each in its own name.
LANGUAGES = [
    ("bg", "Български"),
    ("cs", "Čeština"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("et", "Eesti"),
    ("fi", "Suomi"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("hr", "Hrvatski"),
    ("hu", "Magyar"),
    ("it", "Italiano"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("mt", "Malti"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("sv", "Svenska"),
]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("GPAI_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("GPAI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"  # documents are served only through access-checked views

# --- Redis: broker and cache -------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gpai",
        }
    }
else:
    # A broker that needs no server: messages are files in var/broker/.
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = Path(os.environ.get("GPAI_BROKER_DIR", VAR_DIR / "broker"))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rendered page fragments (queue rows, case page, portal home), keyed by the data version of
# gpai_cases.core.freshness: per process and in memory is the fastest place, and correct, because
# the version they are keyed by is read from the database.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# The public list's responses, per publication number (read from the database on each request).
CACHES["register"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "register",
    "TIMEOUT": 3600,
}
#: What the layout shows that context processors add, for the key of a cached page
#: (core/fragments.py::layout_parts): each returns a tuple of plain values for the request.
GPAI_LAYOUT_KEY_PARTS = ["gpai_cases.reminders.context.unread_key"]
if not env_bool("GPAI_FRAGMENT_CACHE", True):  # e.g. `make bench` measuring cold pages
    CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

CELERY_TASK_DEFAULT_QUEUE = os.environ.get("GPAI_CELERY_QUEUE", "gpai")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200  # WeasyPrint's memory grows over many renders
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues a task must not hang when the broker is down: fail fast, and let the
# periodic sweeps pick up what was not queued (letters, dates).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- E-mail ------------------------------------------------------------------------------------
# An SMTP server when EMAIL_HOST is set; otherwise e-mails are files in var/mail/ (one per
# message, readable in any text editor), so nothing is lost on a laptop. DJANGO_EMAIL_BACKEND
# overrides both.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "gpai-cases@ai-office.example.eu")
# The address of the service, for the links in e-mails.
GPAI_SITE_URL = os.environ.get("GPAI_SITE_URL", "http://127.0.0.1:8000")
GPAI_CASEWORKER_MAILBOX = os.environ.get(
    "GPAI_CASEWORKER_MAILBOX", "gpai-caseworkers@ai-office.example.eu"
)

# --- The rules (docs/rules.md) -------------------------------------------------------------------
# Rule 1: presumption of high-impact capabilities above this training compute (Art 51(2)).
GPAI_THRESHOLD_FLOP = os.environ.get("GPAI_THRESHOLD_FLOP", "1e25")
# Rule 5: which designations may be reassessed: "all_designations" (methodology) or
# "article_52_4_only" (letter of Art 52(5)).
GPAI_REASSESSMENT_SCOPE = os.environ.get("GPAI_REASSESSMENT_SCOPE", "all_designations")
GPAI_REASSESSMENT_MONTHS = 6
GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY = env_bool("GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY", False)
# Periods for a provider to answer a request for information / a hearing (calendar days).
GPAI_RFI_DEFAULT_DAYS = int(os.environ.get("GPAI_RFI_DEFAULT_DAYS", "14"))
GPAI_HEARING_DEFAULT_DAYS = int(os.environ.get("GPAI_HEARING_DEFAULT_DAYS", "14"))
# Internal target for an assessment, in days with stopped clock excluded.
GPAI_ASSESSMENT_TARGET_DAYS = int(os.environ.get("GPAI_ASSESSMENT_TARGET_DAYS", "90"))
# Uploads.
GPAI_UPLOAD_MAX_BYTES = int(os.environ.get("GPAI_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The benchmark's bare floor view (/_floor), for `make bench` only.
GPAI_BENCH_URLS = env_bool("GPAI_BENCH_URLS", False)

# One JSON object per line: time, level, logger, message, and the request or task id
# (gpai_cases.core.logs). Celery leaves the root logger to these settings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "gpai_cases.core.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"fontTools": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"}},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
