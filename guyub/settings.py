"""Guyub settings: one file, driven by environment variables.

DATABASE_URL    database (default: SQLite file under var/)
SECRET_KEY      required unless DEBUG is on
DEBUG           "1"/"true"/"yes"/"on" to enable debug mode (default off); yes/no
                variables refuse any other word but 0/false/no/off
ALLOWED_HOSTS   comma-separated host names
REDIS_URL       the task queue's broker (default: a SQLite file under var/)
SITE_URL        the site's address in e-mail and WhatsApp notices (default
                http://127.0.0.1:8000)
EMAIL_*, WHATSAPP_*  outgoing notices (see below and README: Notifications)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GUYUB_VAR_DIR", BASE_DIR / "var"))


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting. Anything but the words below stops start-up: a typo such as
    DEBUG=ture must not silently mean "off" (or SECURE_COOKIES=flase "on")."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use one of "
        f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS - {''}))}.")


DEBUG = env_bool("DEBUG")
# Set by guyub.test_settings (the suite's settings module): the suite runs with DEBUG
# off, as production does, but needs no real key.
TESTING = env_bool("GUYUB_TESTING")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for development)."
        )
    # Only ever used in development: production refuses to start without a real key.
    SECRET_KEY = "dev-only-insecure-key-guyub"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if (DEBUG or TESTING) and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_celery_beat",
    "guyub.core",
    "guyub.notifications",
    "guyub.members",
    "guyub.ledger",
    "guyub.catalog",
    "guyub.sales",
    "guyub.purchasing",
    "guyub.contracts",
    "guyub.resources",
    "guyub.support",
    "guyub.governance",
    "guyub.finance",
    "guyub.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "guyub.core.middleware.IndonesianFirstLocaleMiddleware",
    # Outside the rest: a refusal raised by any later layer is JSON under /api/ too.
    "guyub.core.middleware.ApiErrorsAsJsonMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads the request (CSRF's check only reads the token).
    "guyub.core.middleware.RefuseUnstorableInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "guyub.core.middleware.AdminScopesDisabledMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guyub.urls"
WSGI_APPLICATION = "guyub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "guyub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guyub.core.context_processors.navigation",
            ],
        },
    },
]
# Every form is drawn through it: menus offer "Pilih <label>", not "---------".
FORM_RENDERER = "guyub.core.form_renderer.GuyubFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'guyub.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    # Two checkouts testing against one PostgreSQL server at once need test databases
    # of their own (pytest-xdist adds _gw0, _gw1 to this name).
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's own queries bind their parameters on the client and are never prepared;
    # psycopg prepares only the statements that ask for it: the storefront search's
    # (guyub/sales/storefront/search.py), planned once per connection instead of on every search.
    # DATABASE_PREPARED_STATEMENTS=0 turns that off, for a pooler that cannot keep
    # prepared statements (PgBouncer before 1.22 in transaction mode).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        5 if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0" else None)
    if TESTING:
        # The journal tables refuse TRUNCATE (ledger migration 0005) unless the session
        # allows it; the test framework empties tables with TRUNCATE between tests.
        DATABASES["default"]["OPTIONS"]["options"] = "-c guyub.allow_truncate=on"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the embedded database usable with a few
    # concurrent requests (runserver threads, the browser tests' live server).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Real hashing costs ~0.3 s per login; tests log in hundreds of times.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "guyub.core.auth.CaseInsensitiveLoginBackend",
]

# Password and token guessing (guyub/core/lockout.py): after LOGIN_FAILURE_LIMIT
# failures an account, and separately an address, waits LOGIN_LOCKOUT_MINUTES.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
# How many proxies of ours stand in front (each appends to X-Forwarded-For); 0 means
# the client connects directly and X-Forwarded-For is not believed.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = "guyub.core.lockout.lockout_parameters"
AXES_USERNAME_CALLABLE = "guyub.core.lockout.username"
AXES_CLIENT_IP_CALLABLE = "guyub.core.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "guyub.core.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "guyub" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from the apps (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# Storefront listings and search answers are cached this long (sales.storefront.listing.Listing),
# in Django's cache: per process unless CACHES points at a shared one. Off in tests,
# where one test's catalogue must not answer the next one's search.
STOREFRONT_CACHE_SECONDS = int(os.environ.get("STOREFRONT_CACHE_SECONDS",
                                              "0" if TESTING else "10"))

# The members' SHU projection (finance.shu.projection) is the whole cooperative's
# simulation: kept this long in Django's cache. Off in tests, like the storefront's.
SHU_PROJECTION_CACHE_SECONDS = int(os.environ.get("SHU_PROJECTION_CACHE_SECONDS",
                                                  "0" if TESTING else "600"))

# Content-Security-Policy (django-csp): Guyub loads nothing from elsewhere and writes no
# inline script, event handler or style attribute (page behaviour is core/guyub.js), so
# the policy is strict; a violation shows in the browser console and fails the browser
# tests. Product photos and thumbnails are files of this site too.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if not DEBUG:
    # Browsers keep to HTTPS for this long once they saw the site over HTTPS (the header
    # is only sent on HTTPS responses). SECURE_HSTS_SECONDS=0 turns it off.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")

if not (DEBUG or TESTING):
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Outgoing e-mail (password reset links, notices to applicants) over SMTP. Without
# EMAIL_HOST in development the messages are printed on the console instead.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Guyub <noreply@localhost>")
EMAIL_BACKEND = ("django.core.mail.backends.console.EmailBackend" if DEBUG and not EMAIL_HOST
                 else "django.core.mail.backends.smtp.EmailBackend")
if not EMAIL_HOST:
    EMAIL_HOST = "localhost"

# Where links in e-mail and WhatsApp notices point (guyub.notifications).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# WhatsApp Business Cloud API (guyub.notifications): on only when both the token and
# the sending number's id are set. Notices go out as the approved template
# WHATSAPP_TEMPLATE, with three body parameters: cooperative, sentence, link.
WHATSAPP_API_URL = os.environ.get("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
WHATSAPP_PHONE_NUMBER_ID = os.environ.get("WHATSAPP_PHONE_NUMBER_ID", "")
WHATSAPP_TOKEN = os.environ.get("WHATSAPP_TOKEN", "")
WHATSAPP_TEMPLATE = os.environ.get("WHATSAPP_TEMPLATE", "guyub_pemberitahuan")
WHATSAPP_TIMEOUT = int(os.environ.get("WHATSAPP_TIMEOUT", "10"))

# The task queue (Celery; guyub/celery.py). Redis in production, several workers on
# several machines; with no REDIS_URL, a SQLite file under var/ as the broker, so that
# `make run` needs no other service. CELERY_BROKER_URL names any other broker.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = (os.environ.get("CELERY_BROKER_URL") or REDIS_URL
                     or f"sqla+sqlite:///{VAR_DIR / 'queue.sqlite3'}")
# A task is acknowledged after it ran, not before: a worker that dies half-way leaves it
# to another worker. Every task is idempotent (it checks before it changes), so a task
# run twice changes nothing the second time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Results live in the database where the work is (job runs, the outbox), not in Celery.
CELERY_TASK_IGNORE_RESULT = True
# No task may run longer than this (a job may ask for less): the soft limit raises
# inside the task, so it records why; the hard limit kills the worker process.
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "600"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30


def broker_transport_options(url: str) -> dict:
    """A Redis message not acknowledged within this time goes to another worker: longer
    than any task may run, or a slow task would run twice at once. (The SQLite broker
    passes its options to SQLAlchemy's create_engine, which refuses this one.)"""
    return {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT} if url.startswith("redis") else {}


CELERY_BROKER_TRANSPORT_OPTIONS = broker_transport_options(CELERY_BROKER_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
# The schedule lives in the database (django-celery-beat): the scheduler can move to
# another machine without losing when each job last ran.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# In the suite a task sent from a view runs at once, in the test's process; the tests
# of the queue itself start real workers against SQLite and Redis.
CELERY_TASK_ALWAYS_EAGER = TESTING and env_bool("GUYUB_EAGER_TASKS", True)
# A failing task records its failure (a job run, a notice) as it does in a worker;
# it does not turn the request that sent it into an error page.
CELERY_TASK_EAGER_PROPAGATES = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "guyub.core.refusals.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's request logger: each 403 as one line instead of a traceback.
    "loggers": {"django.request": {"filters": ["one_line_refusals"]}},
}

NINJA_PAGINATION_PER_PAGE = 50
