"""PDF rendering shared by every generated document: a Django template, rendered in a language,
then turned into PDF by WeasyPrint.

The PDF never loads anything from the network: the only resources it may use are the site's
own static files (`{% static %}`) and media (image renditions, uploads), read from their
storages. Fonts come from the system (the templates name DejaVu Sans / Liberation Sans).
"""

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

# Relative URLs in the HTML resolve against this address, which never resolves (RFC 2606).
BASE_URL = "https://pdf.invalid/"


def read_local_file(url: str) -> bytes:
    """The bytes behind a static or media URL of the site; ValueError for anything else."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if f"{parts.scheme}://{parts.netloc}/" == BASE_URL:
        if path.startswith(settings.STATIC_URL):
            return _read_static(path.removeprefix(settings.STATIC_URL))
        if path.startswith(settings.MEDIA_URL):
            with default_storage.open(path.removeprefix(settings.MEDIA_URL), "rb") as stored:
                return stored.read()
    raise ValueError(f"resource outside the site's static files and media refused: {url}")


def _read_static(name: str) -> bytes:
    if staticfiles_storage.exists(name):  # collected (production), hashed names included
        with staticfiles_storage.open(name, "rb") as stored:
            return stored.read()
    found = finders.find(name)  # not collected (development, tests)
    if not found:
        raise FileNotFoundError(f"static file not found: {name}")
    return Path(found).read_bytes()


def html_to_pdf(html: str, pdf_variant: str | None = None) -> bytes:
    """A PDF from an HTML document whose resources are the site's static files and media.

    `pdf_variant` is WeasyPrint's (e.g. "pdf/a-3b" for a Factur-X invoice); None: plain PDF."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # inline, decoded by the standard library
                return super().fetch(url, headers)
            return URLFetcherResponse(url, read_local_file(url))

    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFilesFetcher()).write_pdf(
        pdf_variant=pdf_variant
    )


def render_pdf(
    template_name: str, context: dict[str, Any], language: str, pdf_variant: str | None = None
) -> bytes:
    """Render a Django template in `language`, then to PDF."""
    with translation.override(language):
        html = render_to_string(template_name, context)
    return html_to_pdf(html, pdf_variant=pdf_variant)
