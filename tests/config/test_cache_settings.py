"""REDIS_URL switches the cache to Redis; without it, local memory."""

import os
import subprocess
import sys

from django.conf import settings

SNIPPET = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def _backend(extra_env: dict[str, str]) -> str:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", **extra_env})
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", f"import django; django.setup(); {SNIPPET}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_local_memory_cache_by_default():
    assert _backend({}) == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_cache_when_redis_url_is_set():
    backend = _backend({"REDIS_URL": "redis://127.0.0.1:6379/1"})
    assert backend == "core.redis_cache.RedisCache"  # Django's, one client per pool
