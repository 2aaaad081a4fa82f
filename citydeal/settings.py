"""Settings of the CDOR portal.

Everything that differs between a laptop and production comes from the environment
(django-environ); the defaults are safe for development. Production refuses to start
without a SECRET_KEY.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (DEBUG is off)."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "citydeal",
    "accounts",
    "teams",
    "activities",
    "budgets",
    "cases",
    "partners",
    "events",
    "spending",
    "workshops",
    "reporting",
    "portal",
    "django_tasks",
    "citydeal.third_party.TaskQueueConfig",
    # Last, as django-axes asks.
    "citydeal.third_party.LoginSecurityConfig",
]

MIDDLEWARE = [
    # First: the request id is in every log line and on every response, also a redirect.
    "citydeal.request_guards.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside WhiteNoise (static files keep their own caching), outside everything that
    # may answer early (a 413 is not cached either).
    "citydeal.request_guards.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "citydeal.middleware.DutchFirstLocaleMiddleware",
    # Before anything reads the body (the CSRF check reads a form's fields).
    "citydeal.request_guards.RequestBodyGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "citydeal.middleware.SessionLifetimeMiddleware",
    "citydeal.middleware.PortalRoleRequiredMiddleware",
    "citydeal.middleware.RefusedRequestLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citydeal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "citydeal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username/address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # by role: portal.views.home_view
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# The language switch's cookie: only over HTTPS in production, out of reach of scripts.
LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@citydealopenbareruimte.nl")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address in mails (links to a spending request); no request is at hand there.
PORTAL_URL = env.str("PORTAL_URL", default="http://localhost:8000")

# Background tasks (django-tasks, the backport of django.tasks): mail about spending
# requests is enqueued after commit. Production keeps the queue in the database
# (django-tasks-db) and runs its worker, `manage.py db_worker`, so a slow mail server
# never blocks a page. With DEBUG (the demo) a task runs at once, in the process that
# enqueued it, so the demo needs no worker. TASKS_BACKEND overrides both.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default=(
                "django_tasks.backends.immediate.ImmediateBackend"
                if DEBUG
                else "django_tasks_db.DatabaseBackend"
            ),
        ),
    }
}

# Every limit and counter (password reset mails, API throttles) lives in this cache, which
# all processes share: by default a table in the database (created by accounts' migration
# 0003), or Redis, e.g. CACHE_URL=redis://127.0.0.1:6379/1. A per-process cache would let
# eight workers count eight times.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://cdor_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # The same table, with an incr() that counts atomically across processes.
    CACHES["default"]["BACKEND"] = "citydeal.cache.DatabaseCache"
    # Culling deletes live keys once the table is full: counters must not vanish under load.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)
elif CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"

# API tokens (django-rest-knox): only a digest is stored, the token is shown once, when it
# is made; it expires after API_TOKEN_TTL_DAYS and is sent as `Authorization: Token ...`.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "COERCE_DECIMAL_TO_STRING": True,
    # JSON with field names also for errors raised by services (Django's exceptions).
    "EXCEPTION_HANDLER": "citydeal.api_exceptions.api_exception_handler",
    # The API speaks JSON only (the interactive documentation is at /api/v1/docs/).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Generous limits against runaway scripts, not against people, counted atomically in
    # the shared cache. The token endpoint has its own limit per client address
    # (API_TOKEN_THROTTLE) next to django-axes' lockout per username and address.
    "DEFAULT_THROTTLE_CLASSES": [
        "citydeal.api.throttling.AnonRateThrottle",
        "citydeal.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/min"),
        "user": env.str("API_THROTTLE_USER", default="1000/min"),
        "token": env.str("API_TOKEN_THROTTLE", default="20/min"),
    },
    # The client address is REMOTE_ADDR: an X-Forwarded-For header would let a client pick
    # a new address for every request (behind a proxy every client shares its address).
    "NUM_PROXIES": 0,
}

# The OpenAPI document (drf-spectacular) at /api/v1/schema/ and its documentation pages,
# Swagger UI and Redoc, from the sidecar package's static files: no CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "CDOR portal API",
    "DESCRIPTION": (
        "The REST API of the City Deal Openbare Ruimte portal. Authenticate with a token "
        "(POST /api/v1/auth/token/, then `Authorization: Token <token>`) or the browser "
        "session (writes then need the CSRF token). Amounts are decimal strings in euros "
        "incl. VAT, dates ISO 8601. Errors are JSON: 400 names the fields, 403 gives the "
        "rule's reason, 409 a state or budget conflict, 413 a body above 1 MB, 500 the "
        "request id (also the X-Request-ID header) that the portal's log carries."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "citydeal.api.schema.add_error_responses",
    ],
    # One name for the states of a spending request (the trail's from and to share them).
    "ENUM_NAME_OVERRIDES": {
        "SpendingStateEnum": "spending.constants.SpendingState",
        "SpendingActionEnum": "spending.constants.SpendingAction",
        "SpendingChangeFieldEnum": "spending.constants.SpendingChangeField",
        "ActivityStatusEnum": "activities.models.ActivityStatus",
        "EventKindEnum": "events.models.EventKind",
        "WorkshopSlotStateEnum": "workshops.constants.SlotState",
        "BookingStateEnum": "workshops.constants.BookingState",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Security: strict by default outside DEBUG; each can be loosened by the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions: end after 30 minutes without a request, and at most 10 hours after login.
# (citydeal.middleware.SessionLifetimeMiddleware enforces both.)
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_MAX_AGE_ABSOLUTE = env.int("SESSION_MAX_SECONDS", default=10 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): 5 failed attempts for one username from one address
# lock that combination for the cool-off time; the admin can unlock (Axes in the admin).
# Password reset mails per address per hour (and ten times that per client address).
PASSWORD_RESET_MAILS_PER_HOUR = env.int("PASSWORD_RESET_MAILS_PER_HOUR", default=3)
# Requests per hour for one calendar feed address (all of a user's feeds share the token);
# a calendar app asks every 15 minutes to once a day.
CALENDAR_FEED_REQUESTS_PER_HOUR = env.int("CALENDAR_FEED_REQUESTS_PER_HOUR", default=240)

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A set cool-off: attempts during the lock are refused but not counted, so the lock ends
# 15 minutes after the 5th failure, as the message says (axes' default restarts it).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_VERBOSE = False

# Content Security Policy on every response: only the portal's own origin, no inline
# script, no foreign origin, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Request bodies: the API takes at most API_MAX_BODY_BYTES (413 beyond) and JSON nested at
# most API_MAX_JSON_DEPTH deep (400 beyond); a page at most PAGE_MAX_BODY_BYTES, of which
# at most DATA_UPLOAD_MAX_MEMORY_SIZE in form fields (Django's own limit, 400 beyond).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024)
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=100)
PAGE_MAX_BODY_BYTES = env.int("PAGE_MAX_BODY_BYTES", default=10 * 1024 * 1024)

# The demo accounts' password; only seed_demo reads it.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="citydeal2021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line names its request (citydeal.request_guards.RequestIdMiddleware).
    "filters": {"request_id": {"()": "citydeal.request_guards.RequestIdFilter"}},
    "formatters": {
        "default": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "default",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "citydeal.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
