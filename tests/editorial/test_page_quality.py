"""Every page of the demo, in both languages, plus the 404 pages: structure, language,
skip link, no third-party assets, CSP, and no broken internal link."""

import io
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from tests.editorial.htmlparse import Element, html_lang, parse

pytestmark = pytest.mark.django_db

NOT_FOUND_URLS = {"/nexiste-pas/": "fr", "/en/does-not-exist/": "en"}


@dataclass
class Served:
    url: str
    lang: str
    status: int
    headers: dict
    doc: Element


@pytest.fixture
def served(demo_site, client) -> list[Served]:
    call_command("load_demo_data", stdout=io.StringIO())  # every app's demo pages, not only home's
    pages = list(Page.objects.live().filter(depth__gte=2).select_related("locale").order_by("path"))
    assert len(pages) >= 22, "the demo should serve at least 11 pages in each language"
    targets = {page.get_url(): page.locale.language_code for page in pages}
    targets.update(NOT_FOUND_URLS)

    result = []
    for url, lang in targets.items():
        response = client.get(url)
        expected_status = 404 if url in NOT_FOUND_URLS else 200
        assert response.status_code == expected_status, url
        result.append(
            Served(url, lang, response.status_code, dict(response.headers), parse(response.content))
        )
    return result


def check_all(served: list[Served], check) -> None:
    """Run `check(page)` on every page and report every page that fails, not only the first."""
    failures = []
    for page in served:
        problem = check(page)
        if problem:
            failures.append(f"{page.url}: {problem}")
    assert not failures, "\n".join(failures)


def test_exactly_one_h1(served):
    def check(page):
        headings = [h1.text for h1 in page.doc.find_all("h1")]
        if len(headings) != 1 or not headings[0]:
            return f"h1 elements: {headings}"

    check_all(served, check)


def test_non_empty_title(served):
    def check(page):
        titles = page.doc.find_all("title")
        if len(titles) != 1:
            return f"{len(titles)} <title> elements"
        text = titles[0].text
        if not text or text.startswith("·"):
            return f"empty title {text!r}"

    check_all(served, check)


def test_html_lang_matches_the_language(served):
    check_all(
        served, lambda page: None if html_lang(page.doc) == page.lang else f"lang={html_lang(page.doc)!r}"
    )


def test_skip_link_is_the_first_link_and_its_target_exists(served):
    def check(page):
        body = page.doc.find("body")
        first_link = body.find("a") if body else None
        if first_link is None or "skip-link" not in first_link.classes:
            return f"first link is not the skip link: {first_link}"
        href = first_link.get("href") or ""
        if not href.startswith("#") or href[1:] not in page.doc.ids():
            return f"skip link points to a missing id: {href!r}"

    check_all(served, check)


def is_other_origin(url: str | None) -> bool:
    return bool(url) and (url.startswith(("http://", "https://", "//")) or urlsplit(url).netloc != "")


def test_no_script_or_stylesheet_from_another_origin(served):
    def check(page):
        foreign = [s.get("src") for s in page.doc.find_all("script") if is_other_origin(s.get("src"))]
        foreign += [
            link.get("href")
            for link in page.doc.find_all("link")
            if "stylesheet" in (link.get("rel") or "").split() and is_other_origin(link.get("href"))
        ]
        if foreign:
            return f"loads from another origin: {foreign}"
        # JSON-LD is a data block, never executed: the CSP does not apply to it.
        inline = [
            s
            for s in page.doc.find_all("script")
            if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        if inline:
            return f"{len(inline)} inline <script> (blocked by the CSP)"
        if page.doc.find_all("style") or any(e.get("style") for e in page.doc.iter()):
            return "inline style (blocked by the CSP)"

    check_all(served, check)


def test_csp_header_without_unsafe_inline(served):
    def check(page):
        policy = page.headers.get("Content-Security-Policy")
        if not policy:
            return "no Content-Security-Policy header"
        if "'unsafe-inline'" in policy:
            return f"'unsafe-inline' in {policy!r}"

    check_all(served, check)


def internal_path(href: str, site_hosts: set[str]) -> str | None:
    """The path to request for an internal link, or None for external, mailto, tel, fragment."""
    if not href or href.startswith(("#", "mailto:", "tel:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return None
    if parts.netloc and parts.hostname not in site_hosts:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_internal_link_answers_200(served, client):
    site_hosts = set(Site.objects.values_list("hostname", flat=True))
    links: dict[str, str] = {}
    for page in served:
        for a in page.doc.find_all("a"):
            path = internal_path(a.get("href") or "", site_hosts)
            if path:
                links.setdefault(path, page.url)
    assert len(links) >= 18

    broken = []
    for path, found_on in sorted(links.items()):
        if path.startswith(settings.MEDIA_URL):
            # Media are served by the web server in production; the test storage is in memory.
            if not default_storage.exists(path.removeprefix(settings.MEDIA_URL)):
                broken.append(f"{path} (linked from {found_on}) is missing from the storage")
            continue
        if path.startswith("/documents/"):
            document = get_document_model().objects.filter(pk=int(path.split("/")[2])).first()
            if document is None or not default_storage.exists(document.file.name):
                broken.append(f"{path} (linked from {found_on}) has no stored file")
            continue
        status = client.get(path, follow=False).status_code
        if status != 200:
            broken.append(f"{path} (linked from {found_on}) answers {status}")
    assert not broken, "\n".join(broken)
