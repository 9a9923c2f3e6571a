"""Production settings, loaded in a fresh process as the server would load them."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# Variables that would leak the developer's environment into the check.
CLEARED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "WAGTAILADMIN_BASE_URL",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_SETTINGS_MODULE",
}


def check_deploy(tmp_path, *command, **env) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="www.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        # Not reached by `check`: Django connects to the cache on first use only.
        REDIS_URL="redis://127.0.0.1:6379/0",
        WAGTAILADMIN_BASE_URL="https://www.example.org",
    )
    environ.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *(command or ("manage.py", "check", "--deploy"))],
        cwd=settings.BASE_DIR,
        env={key: value for key, value in environ.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_variables(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY=secrets.token_urlsafe(64))
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output, output
    assert "?:" not in output, output


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY=None)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "SECRET_KEY" in output


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS=None)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in output


@pytest.mark.parametrize(
    "weak_key", ["short", "django-insecure-" + "x" * 50], ids=["too-short", "django-insecure-prefix"]
)
def test_check_deploy_flags_a_weak_secret_key(tmp_path, weak_key):
    result = check_deploy(tmp_path, SECRET_KEY=weak_key)

    assert "security.W009" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_shared_cache(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY=secrets.token_urlsafe(64), REDIS_URL=None)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "ImproperlyConfigured: Production refuses to start: REDIS_URL is not set" in output


@pytest.mark.parametrize(
    ("base_url", "reason"),
    [
        (None, "WAGTAILADMIN_BASE_URL is not set"),
        ("http://www.example.org", "it must be the public https address"),
        ("https://127.0.0.1:8000", "a local address"),
        ("www.example.org", "it must be the public https address"),
    ],
)
def test_production_refuses_to_start_without_a_public_https_base_url(tmp_path, base_url, reason):
    result = check_deploy(tmp_path, SECRET_KEY=secrets.token_urlsafe(64), WAGTAILADMIN_BASE_URL=base_url)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "ImproperlyConfigured: Production refuses to start: WAGTAILADMIN_BASE_URL" in output
    assert reason in output


def test_bench_settings_load_without_redis_nor_public_address(tmp_path):
    result = check_deploy(
        tmp_path,
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.WAGTAILADMIN_BASE_URL)",
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        SECRET_KEY=secrets.token_urlsafe(64),
        REDIS_URL=None,
        WAGTAILADMIN_BASE_URL=None,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "https://bench.invalid"]


def test_deploy_checks_report_a_process_local_cache_and_a_base_url_that_is_not_public_https():
    from django.core.checks import run_checks
    from django.test import override_settings

    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000",
    ):
        found = {message.id: message for message in run_checks(include_deployment_checks=True)}
    assert found["core.E001"].msg.startswith("REDIS_URL is not set")
    assert "must be the public https address" in found["core.E002"].msg

    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}
        },
        WAGTAILADMIN_BASE_URL="https://www.villes-internet.net",
    ):
        ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not ids & {"core.E001", "core.E002"}
    # Not among the checks of every `manage.py check` (tests, development).
    assert not {message.id for message in run_checks()} & {"core.E001", "core.E002"}
