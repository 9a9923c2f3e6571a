"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the
environment (see README, "Environment variables").
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, from the bottom layer up (see pyproject.toml, [tool.importlinter])
    "core",
    "territories",
    "label",
    "members",
    "editorial",
    "actions",
    "dues",
    "webinars",
    "home",
    "search",
    # Accounts (django-allauth: email login, verification, TOTP)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Translation
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the shared cache, before sessions and the database (core.page_cache).
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: a SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has two writers on one file, the server and the task worker: WAL lets readers
    # read while one writes, IMMEDIATE takes the write lock when a transaction opens (a deferred
    # transaction that reads then writes fails at once with "database is locked"), and the
    # timeout makes a writer wait for the other instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set (needed as soon as there are two processes).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "villes-internet",
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache (core.page_cache, docs/decisions.md): anonymous public pages stored in the default
# cache and purged on publish. On for served sites (server.py); off in development, where the
# server and the task worker do not share a local-memory cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
PAGE_CACHE_ALIAS = "default"
#: Seconds an entry stays in the shared cache (purges make it stale sooner).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "86400"))
#: Entries each process also keeps in its own memory (the most recently served): a hit then
#: asks the shared cache for the versions of the entry's tags only (core.page_cache.LocalEntries).
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "500"))
#: Cache-Control of a public page: browsers (max-age), then CDNs and proxies (s-maxage), which
#: are purged on publish (wagtail.contrib.frontend_cache, WAGTAILFRONTENDCACHE below).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "3600"))
#: Query-string parameters of listings (pagination, filters): a URL with any other parameter
#: (a search, tracking tags) is built for its visitor and not stored.
PAGE_CACHE_QUERY_PARAMS = (
    "page", "categorie", "tag", "annee", "arobases", "region", "distinction", "tri", "edition",
    "famille", "enjeu", "service", "population", "kind",
)  # fmt: skip
#: Cookies that make a request personal besides the session's (never answered from the cache).
PAGE_CACHE_PERSONAL_COOKIES = ("messages",)
#: Views (URL names) stored like pages, with their tags (purged by the apps' signals).
PAGE_CACHE_URL_NAMES = {
    "sitemap": ("sitemap",),
    "webinars:calendar_feed": ("webinars-calendar",),
    "dues:tiers": ("dues-tiers",),
}
#: Models shown on many pages without being pages (snippets, imported rows): saving or deleting
#: one purges every page. Coarse but always right; bulk imports purge once per row saved.
PAGE_CACHE_PURGE_EVERYTHING_ON = (
    "territories.Region", "territories.Department", "territories.Collectivity",
    "label.Labellisation", "label.Distinction", "editorial.NewsCategory", "editorial.PressContact",
    "actions.Family", "actions.Enjeu", "actions.Service",
)  # fmt: skip
#: A request header that skips the cache (the benchmark's "uncached" figures); empty: none.
PAGE_CACHE_BYPASS_HEADER = ""

# A CDN or proxy in front (docs/operations.md), purged on publish by the page cache's rules:
# an HTTP purge (Varnish: PURGE requests), Cloudflare, or CloudFront.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_HTTP_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Page URLs already carry their language (/..., /en/...): no per-language copies to purge.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: django-allauth with Django's default User model (docs/decisions.md). People log in
# with their email address; allauth keeps it unique and the username is filled in for them.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"  # first and last name
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old one once it is verified
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Villes Internet] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# allauth's rate limits live in the default cache: Redis as soon as REDIS_URL is set.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_email": "1/m/user",
    "manage_email": "10/m/user",
    "change_password": "5/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Villes Internet"
MFA_PASSKEY_LOGIN_ENABLED = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:portal"
# The Wagtail admin logs in through allauth (email, TOTP); see members.middleware.
WAGTAILADMIN_LOGIN_URL = "/compte/connexion/"
#: URL prefixes of the admins: staff need an activated TOTP authenticator to open them.
STAFF_TWO_FACTOR_PATH_PREFIXES = ("/admin/", "/django-admin/")

# Internationalisation: French first, served without prefix; English under /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Tag slugs in ASCII (news filter links: ?tag=palmares, not ?tag=palmar%C3%A8s).
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "site"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Email: console in development, SMTP in production (see production.py). Every message leaves
# from DEFAULT_FROM_EMAIL (no hard-coded sender): production sets the association's address;
# development and the demo default to a reserved example domain (RFC 2606).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Villes Internet <ne-pas-repondre@example.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: django-tasks with the database as queue (manage.py db_worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Payments (used from the dues issue on; read here so that every setting comes from one place).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Where the SDK sends its requests (tests point it at a local fake), its timeout and retries.
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "10"))
STRIPE_MAX_NETWORK_RETRIES = int(os.environ.get("STRIPE_MAX_NETWORK_RETRIES", "2"))
# The hosted Checkout page's origin: "Payer en ligne" posts a form that redirects there, which
# the CSP's form-action must allow (browsers check it on the redirect too).
STRIPE_CHECKOUT_ORIGIN = os.environ.get("STRIPE_CHECKOUT_ORIGIN", "https://checkout.stripe.com")

# Dues invoices: what every "appel de cotisation" states about the association (copied onto each
# invoice when it is issued). The defaults are the demo's, visibly fictional; production sets them.
DUES_SELLER = {
    "name": os.environ.get("DUES_SELLER_NAME", "Villes Internet"),
    "legal_form": os.environ.get(
        "DUES_SELLER_LEGAL_FORM", "Association régie par la loi du 1er juillet 1901"
    ),
    "address": os.environ.get("DUES_SELLER_ADDRESS", "Adresse de démonstration, 75000 Paris"),
    "siret": os.environ.get("DUES_SELLER_SIRET", ""),
    "vat_mention": os.environ.get("DUES_VAT_MENTION", "TVA non applicable, article 261-7-1° du CGI"),
    "iban": os.environ.get("DUES_IBAN", "FR7630006000011234567890189"),
    "bic": os.environ.get("DUES_BIC", "AGRIFRPP"),
}
#: Uploads only staff may read (membership applications' council deliberations): outside
#: MEDIA_ROOT, never served by the web server, handed out by a staff-only admin view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
DUES_DELIBERATION_MAX_BYTES = int(os.environ.get("DUES_DELIBERATION_MAX_BYTES", str(5 * 1024 * 1024)))
#: Days between an invoice's issue and its due date.
DUES_PAYMENT_TERM_DAYS = int(os.environ.get("DUES_PAYMENT_TERM_DAYS", "30"))
#: When unpaid invoices are reminded to the référents, in days from the due date (negative:
#: before it); `manage.py send_dues_reminders` sends each step once per invoice.
DUES_REMINDER_DAYS = tuple(
    int(day) for day in os.environ.get("DUES_REMINDER_DAYS", "-15,0,15,45").split(",") if day.strip()
)

# Wagtail
WAGTAIL_SITE_NAME = "Villes Internet"
# No avatar from a third-party service (it would receive a hash of each staff address).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # French stemming ("labellisées" finds "labellisation"); SQLite's FTS has no French stemmer.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Documents are always served by Django (/documents/<id>/<name>), which checks who may read a
# private one (core.private_documents); never redirected to, nor linked at, the storage's URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Content-Security-Policy of the public site (config.middleware). The Wagtail and Django
# admins are left out: they rely on inline scripts.
CSP_EXCLUDED_PATH_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action 'self' {STRIPE_CHECKOUT_ORIGIN}",
        "frame-ancestors 'none'",
    ]
)

# Label categories are derived from kind and population: a commune below this population
# is a "village", otherwise a "ville"; every grouping (EPCI, syndicate, département,
# région) is a "territoire".
VILLAGE_POPULATION_THRESHOLD = 2000

# Largest CSV file an import accepts (commands and admin uploads), in bytes; the file of every
# French commune is about 4 MB.
CSV_IMPORT_MAX_BYTES = int(os.environ.get("CSV_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))

# Invitations to the member portal (members.services.invitations): per inviter per hour, per
# collectivity per 24 hours, and pending at once per collectivity.
MEMBERS_INVITATIONS_PER_INVITER_PER_HOUR = int(
    os.environ.get("MEMBERS_INVITATIONS_PER_INVITER_PER_HOUR", "10")
)
MEMBERS_INVITATIONS_PER_COLLECTIVITY_PER_DAY = int(
    os.environ.get("MEMBERS_INVITATIONS_PER_COLLECTIVITY_PER_DAY", "30")
)
MEMBERS_MAX_PENDING_INVITATIONS = int(os.environ.get("MEMBERS_MAX_PENDING_INVITATIONS", "20"))

# load_demo_data creates an account with a published password: development and tests only.
DEMO_DATA_ALLOWED = False
# The demo loaders run by `manage.py load_demo_data`, in this order: (title, dotted path of
# a function `load(log) -> dict[str, int]`). Each app owns its loader; core only runs them.
DEMO_LOADERS = [
    ("Territoires", "territories.demo.load"),
    ("Label : éditions et palmarès", "label.demo.load_editions"),
    ("Pages, paramètres et compte d'administration", "home.demo.load"),
    ("Label : pages des palmarès", "label.demo.load_pages"),
    ("Actualités", "editorial.demo_news.load"),
    ("Espace presse", "editorial.demo_press.load"),
    ("Congrès", "editorial.demo_congress.load"),
    ("Adhérents de démonstration et double authentification", "members.demo.load"),
    ("Fiches actions : référentiel et Atlaas", "actions.demo.load"),
    ("Cotisations : tableau d'exemple", "dues.demo.load"),
    ("Webinaires « C'est pour vous »", "webinars.demo.load"),
]

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
