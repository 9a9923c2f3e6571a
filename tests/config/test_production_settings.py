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
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_SETTINGS_MODULE",
}


def check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="www.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
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
