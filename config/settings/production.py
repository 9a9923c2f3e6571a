"""Production: every setting comes from the environment (README, "Environment variables").

:mod:`.server` holds the settings of a served site; on top of them production refuses to start
half-configured: without a shared cache (REDIS_URL) or without the public https address that
links in emails are built from (WAGTAILADMIN_BASE_URL). The same rules are deploy checks
(core/checks.py), so `manage.py check --deploy` is clean when the documented variables are set.
"""

from django.core.exceptions import ImproperlyConfigured

from core.checks import base_url_problem, shared_cache_problem

from .server import *  # noqa: F403
from .server import CACHES, os

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")

for problem in (shared_cache_problem(CACHES), base_url_problem(WAGTAILADMIN_BASE_URL)):
    if problem:
        raise ImproperlyConfigured(f"Production refuses to start: {problem}")
