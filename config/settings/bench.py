"""`make bench`: the served site's settings (:mod:`.server`, what production builds on) minus
what needs HTTPS in front (redirect, HSTS, secure cookies), on 127.0.0.1 only. Unlike
production it runs without Redis (each worker's local-memory cache unless REDIS_URL is set:
login throttling is not measured) and without a public address. bench/run.py sets SECRET_KEY
(generated), DATABASE_URL (a throw-away database), STATIC_ROOT and MEDIA_ROOT (a temporary
folder). Never deploy it."""

import os

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from .server import *  # noqa: E402, F403
from .server import BASE_DIR, os  # noqa: E402

# No email leaves the benchmark (locmem backend below): its links point at this address.
WAGTAILADMIN_BASE_URL = "https://bench.invalid"

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_PROXY_SSL_HEADER = None
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(BASE_DIR / "static"))
# The benchmark loads the demo (which creates the documented demo account) into its own
# throw-away database, served on 127.0.0.1 only.
DEMO_DATA_ALLOWED = True
# bench/run.py measures each page twice: from the page cache, and built by Python (this header).
PAGE_CACHE_BYPASS_HEADER = "X-Bench-No-Cache"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
