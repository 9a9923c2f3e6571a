"""The crawler: every page of the full demo (``load_demo_data``, loaded once), in both
languages, plus the collectivity pages of the palmarès and the 404 pages: structure, language,
skip link, no third-party assets, CSP, and no broken internal link. The demo is crawled once;
each test below checks one thing on every page (and names every page that fails)."""

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from core.models import members_only_paths
from editorial.models import ArticlePage, NewsIndexPage, PressKitPage, PressReleasePage, PressRoomPage
from label.models import PalmaresIndexPage, PalmaresPage
from tests.editorial.htmlparse import Element, html_lang, parse

pytestmark = pytest.mark.django_db

NOT_FOUND_URLS = {"/nexiste-pas/": "fr", "/en/does-not-exist/": "en"}
# Not pages of the tree: served by the palmarès index for every labelled collectivity.
COLLECTIVITY_URLS = {
    "/label/palmares/collectivites/dijon/": "fr",
    "/en/label/palmares/collectivites/dijon/": "en",
}


@dataclass
class Served:
    url: str
    lang: str
    status: int
    headers: dict
    content: str
    doc: Element


@dataclass
class Crawl:
    pages: list[Served]
    # Every internal link (path and query) found on the pages (<a>, and <link rel=alternate>
    # for translations and feeds), with the first page showing it.
    links: dict[str, str]
    # What is wrong with each link that does not work.
    broken: dict[str, str]

    def urls(self) -> set[str]:
        return {page.url for page in self.pages}


def internal_path(href: str, base_url: str, site_hosts: set[str]) -> str | None:
    """The path (and query) to request for an internal link, resolved against the page that
    shows it; None for external, mailto, tel and fragment links."""
    if not href or href.startswith(("#", "mailto:", "tel:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return None
    if parts.netloc and parts.hostname not in site_hosts:
        return None
    resolved = urlsplit(urljoin(base_url, href))
    return resolved.path + (f"?{resolved.query}" if resolved.query else "")


def link_problem(path: str, client, members_only: frozenset[str] = frozenset()) -> str | None:
    if path.startswith(settings.MEDIA_URL):
        # Media are served by the web server in production; the test storage is in memory.
        if not default_storage.exists(path.removeprefix(settings.MEDIA_URL)):
            return "is missing from the storage"
        return None
    if path.startswith("/documents/"):
        document = get_document_model().objects.filter(pk=int(path.split("/")[2])).first()
        if document is None or not default_storage.exists(document.file.name):
            return "has no stored file"
        return None
    status = client.get(path, follow=False).status_code
    expected = 403 if path in members_only else 200  # how to join, to the anonymous crawler
    return None if status == expected else f"answers {status}"


def crawl(client) -> Crawl:
    pages = list(Page.objects.live().filter(depth__gte=2).select_related("locale").order_by("path"))
    assert len(pages) >= 22, "the demo should serve at least 11 pages in each language"
    targets = {page.get_url(): page.locale.language_code for page in pages}
    targets.update(COLLECTIVITY_URLS)
    targets.update(NOT_FOUND_URLS)
    # Members-only pages answer 403 to the anonymous crawler, with how to join.
    restricted = members_only_paths()
    members_only = {page.get_url() for page in pages if page.path.startswith(restricted)}

    served = []
    for url, lang in targets.items():
        response = client.get(url)
        expected_status = 404 if url in NOT_FOUND_URLS else 403 if url in members_only else 200
        assert response.status_code == expected_status, url
        content = response.content.decode()
        served.append(
            Served(url, lang, response.status_code, dict(response.headers), content, parse(content))
        )

    site_hosts = set(Site.objects.values_list("hostname", flat=True)) | {"testserver"}
    links: dict[str, str] = {}
    for page in served:
        # Links, and the alternates of the head: the translations and the news feeds.
        alternates = [link for link in page.doc.find_all("link") if link.get("rel") == "alternate"]
        for element in [*page.doc.find_all("a"), *alternates]:
            path = internal_path(element.get("href") or "", page.url, site_hosts)
            if path:
                links.setdefault(path, page.url)
    broken = {}
    for path in sorted(links):
        problem = link_problem(path, client, frozenset(members_only))
        if problem:
            broken[path] = problem
    return Crawl(served, links, broken)


@pytest.fixture
def crawled(full_demo, shared_data, client) -> Crawl:
    """The crawl of the full demo, done by the first test and read by the others."""
    return shared_data.memo("crawl", lambda: crawl(client))


@pytest.fixture
def served(crawled) -> list[Served]:
    return crawled.pages


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


def has_ancestor(element: Element, tag: str) -> bool:
    parent = element.parent
    while parent is not None and parent.tag != tag:
        parent = parent.parent
    return parent is not None


def test_non_empty_title(served):
    def check(page):
        # A <title> inside an <svg> (the history chart) names that image, not the document.
        titles = [title for title in page.doc.find_all("title") if not has_ancestor(title, "svg")]
        if len(titles) != 1:
            return f"{len(titles)} <title> elements outside images"
        if not has_ancestor(titles[0], "head"):
            return "the <title> is not in <head>"
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


def test_no_style_attribute_anywhere_in_the_markup(served):
    """Even an empty one: the markup itself carries no ``style=``."""
    check_all(served, lambda page: "style= in the markup" if "style=" in page.content else None)


def test_csp_header_without_unsafe_inline(served):
    def check(page):
        policy = page.headers.get("Content-Security-Policy")
        if not policy:
            return "no Content-Security-Policy header"
        if "'unsafe-inline'" in policy:
            return f"'unsafe-inline' in {policy!r}"

    check_all(served, check)


def test_every_internal_link_answers_200(crawled):
    """Pages answer 200; media and documents are stored."""
    assert len(crawled.links) >= 18
    broken = [
        f"{path} (linked from {crawled.links[path]}) {problem}" for path, problem in crawled.broken.items()
    ]
    assert not broken, "\n".join(broken)


def live_urls(*page_types) -> set[str]:
    return {page.get_url() for page in Page.objects.live().type(*page_types)}


def test_every_news_page_is_crawled_and_links_its_filters(crawled):
    news = live_urls(NewsIndexPage, ArticlePage)
    assert len(news) == 2 + ArticlePage.objects.live().count()
    assert news <= crawled.urls()
    assert any("categorie=" in link for link in crawled.links)
    assert any("tag=" in link for link in crawled.links)
    assert {"/actualites/flux/rss/", "/actualites/flux/atom/", "/en/news/flux/rss/"} <= set(crawled.links)


def test_every_press_page_is_crawled_and_links_its_documents(crawled):
    press = live_urls(PressRoomPage, PressReleasePage, PressKitPage)
    assert len(press) == 6  # the room, the release and the kit, in French and English
    assert press <= crawled.urls()
    assert any(path.startswith("/documents/") for path in crawled.links)


def test_every_label_page_is_crawled_with_the_collectivity_pages(crawled):
    label = live_urls(PalmaresIndexPage, PalmaresPage)
    assert len(label) == 5  # index fr/en, 2025 fr, 2026 fr/en
    assert label | set(COLLECTIVITY_URLS) <= crawled.urls()
    assert any("/collectivites/" in link for link in crawled.links)
    assert "/label/palmares/2026/palmares-2026.csv" in crawled.links
