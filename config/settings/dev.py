"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_DATA_ALLOWED = True

# Page-by-page publishing logs drown the demo loader's own progress lines.
LOGGING["loggers"]["wagtail"] = {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")}  # noqa: F405
