"""Several servers on one Redis (REDIS_URL): the page cache, its purges and allauth's login
throttling are shared between processes. `.ci/run` starts a Redis server and sets REDIS_URL;
elsewhere these tests are skipped."""

import json
import os
import subprocess
import sys
import uuid

import pytest

from core import page_cache

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_URL, reason="needs a Redis server: set REDIS_URL (.ci/run starts one)"),
]


def redis_cache(prefix: str) -> dict:
    backend = "django.core.cache.backends.redis.RedisCache"
    return {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}


@pytest.fixture
def redis_caches(settings):
    """The default cache and a second client ("other", as another server would have) on the same
    Redis, under a key prefix of this test's own."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": redis_cache(prefix), "other": redis_cache(prefix)}
    settings.PAGE_CACHE_ENABLED = True
    yield prefix
    from django.core.cache import caches

    caches["default"].clear()


def in_another_process(prefix: str, code: str) -> str:
    """Run ``code`` in a new Python process with the site's settings on the same Redis."""
    script = f"""
import django, json
django.setup()
from django.test.utils import override_settings
with override_settings(CACHES={json.dumps({"default": redis_cache(prefix)})}):
{"".join(f"    {line}{chr(10)}" for line in code.strip().splitlines())}
"""
    result = subprocess.run(  # noqa: S603 (our interpreter, our script)
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def public_page(demo_site):
    from editorial.models import StandardPage

    return StandardPage.objects.get(slug="association", locale__language_code="fr")


def test_a_page_stored_by_one_server_is_served_by_another(redis_caches, public_page, client, settings):
    assert client.get("/association/")["X-Cache"] == "MISS"

    settings.PAGE_CACHE_ALIAS = "other"
    assert client.get("/association/")["X-Cache"] == "HIT"


def test_a_purge_in_another_process_reaches_every_server(redis_caches, public_page, client, settings):
    client.get("/association/")
    settings.PAGE_CACHE_ALIAS = "other"
    assert client.get("/association/")["X-Cache"] == "HIT"

    in_another_process(
        redis_caches, f"from core import page_cache\npage_cache.bump([page_cache.page_tag({public_page.pk})])"
    )

    assert client.get("/association/")["X-Cache"] == "MISS"
    settings.PAGE_CACHE_ALIAS = "default"
    assert client.get("/association/")["X-Cache"] == "HIT"  # stored again by the "other" client


def test_purging_a_tag_no_process_set_yet_works_on_redis(redis_caches, public_page, client):
    client.get("/association/")

    page_cache.bump(["a-tag-never-seen", page_cache.page_tag(public_page.pk)])

    assert client.get("/association/")["X-Cache"] == "MISS"


def test_login_throttling_is_shared_between_processes(redis_caches, rf):
    from allauth.core import ratelimit

    request = rf.post("/compte/connexion/", REMOTE_ADDR="192.0.2.10")
    for _ in range(5):  # ACCOUNT_RATE_LIMITS: login_failed 5 per 5 minutes per address typed
        assert ratelimit.consume(request, action="login_failed", key="camille@example.org")

    answers = in_another_process(
        redis_caches,
        """
from allauth.core import ratelimit
from django.test import RequestFactory
request = RequestFactory().post("/compte/connexion/", REMOTE_ADDR="192.0.2.11")
for key in ("camille@example.org", "dominique@example.org"):
    print(ratelimit.consume(request, action="login_failed", key=key, dry_run=True))
""",
    )

    assert answers.split() == ["False", "True"]
