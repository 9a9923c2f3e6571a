"""Deploy checks (``manage.py check --deploy``) for what production must not run without.

Each rule is a plain function of settings values that returns what is wrong (or None), so that
``config.settings.production`` refuses to start with the same words (ImproperlyConfigured)
and the system check reports it on any settings module. Messages are for the person who
deploys, in English like Django's own checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Cache backends that each process keeps for itself.
PROCESS_LOCAL_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


def shared_cache_problem(caches: Mapping[str, Mapping[str, Any]]) -> str | None:
    """Why the default cache is not shared by every process, or None."""
    backend = caches.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return (
            "REDIS_URL is not set: the cache is local to each process, so with several "
            "gunicorn workers the login throttling counts each worker's failures apart (5 "
            "failures let through per worker) and cached pages differ between workers. Set "
            "REDIS_URL (redis://host:6379/0)."
        )
    return None


def base_url_problem(url: str) -> str | None:
    """Why WAGTAILADMIN_BASE_URL cannot be the public https address of the site, or None."""
    if not url:
        return (
            "WAGTAILADMIN_BASE_URL is not set: links in emails (invitations, admin "
            "notifications) would point nowhere. Set it to the public address of the site, "
            "for example https://www.villes-internet.net."
        )
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return (
            f"WAGTAILADMIN_BASE_URL is {url!r}: it must be the public https address of the "
            "site (https://www.villes-internet.net), since links in emails (invitations, "
            "admin notifications) are built from it."
        )
    if parts.hostname in {"localhost", "127.0.0.1", "::1"}:
        return (
            f"WAGTAILADMIN_BASE_URL is {url!r}, a local address: links in emails would not "
            "work for anyone else. Set it to the public address of the site."
        )
    return None


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[Error]:
    problem = shared_cache_problem(settings.CACHES)
    return [Error(problem, id="core.E001")] if problem else []


@register(deploy=True)
def check_base_url(app_configs=None, **kwargs) -> list[Error]:
    problem = base_url_problem(getattr(settings, "WAGTAILADMIN_BASE_URL", ""))
    return [Error(problem, id="core.E002")] if problem else []
