"""Open Graph, JSON-LD, /sitemap.xml and /robots.txt."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from core.models import SiteSettings, exclude_members_only
from core.seo import dumps_for_script, news_article_json_ld
from editorial.models import StandardPage
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.find_all("script", type="application/ld+json")]


def og(doc) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in doc.find_all("meta"):
        if (meta.get("property") or "").startswith("og:"):
            found.setdefault(meta.get("property"), []).append(meta.get("content"))
    return found


def test_home_page_declares_the_organization_with_its_social_links(demo_site, client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.social_links = [
        {"type": "link", "value": {"network": "LinkedIn", "url": "https://example.org/vi"}}
    ]
    settings.save()

    doc = parse(client.get("/").content)

    [data] = json_ld(doc)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Villes Internet"
    assert data["url"] == "http://testserver/"  # the site's hostname (WAGTAILADMIN_BASE_URL)
    assert data["logo"].startswith("http://testserver/static/") and data["logo"].endswith("logo.svg")
    assert data["sameAs"] == ["https://example.org/vi"]


def test_congress_page_declares_an_event(congress_demo, client):
    doc = parse(client.get("/congres/agen-2026/").content)

    [data] = json_ld(doc)
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("2026-01-29", "2026-01-30")
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressLocality"] == "Agen"
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Villes Internet",
        "url": "http://testserver/",
    }


def test_standard_page_has_no_json_ld_but_open_graph(demo_site, client):
    doc = parse(client.get("/association/").content)

    assert json_ld(doc) == []
    tags = og(doc)
    assert tags["og:title"] == [
        StandardPage.objects.get(slug="association", locale__language_code="fr").title
    ]
    assert tags["og:url"] == ["http://testserver/association/"]
    assert tags["og:type"] == ["website"]
    assert tags["og:locale"] == ["fr_FR"]
    assert tags["og:locale:alternate"] == ["en_GB"]
    assert tags["og:description"][0]
    assert "og:image" not in tags


def test_english_open_graph_locale(demo_site, client):
    tags = og(parse(client.get("/en/association/").content))

    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:locale:alternate"] == ["fr_FR"]
    assert tags["og:url"] == ["http://testserver/en/association/"]


def test_og_image_when_the_page_has_one(demo_site, client):
    """A standard page shares the first image of its body (more page types: test_share_images)."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Affiche", file=get_test_image_file(size=(1600, 900)))
    page = StandardPage.objects.get(slug="association", locale__language_code="fr")
    figure = {"image": image.pk, "alt_text": "L'affiche", "caption": "", "credit": ""}
    page.body = [*page.body.get_prep_value(), {"type": "image", "value": figure}]
    page.save_revision().publish()

    tags = og(parse(client.get("/association/").content))

    [url] = tags["og:image"]
    assert url.startswith("http://testserver/") and "fill-1200x630" in url
    assert url == image.get_rendition("fill-1200x630").full_url


def test_json_ld_cannot_close_the_script_element():
    text = dumps_for_script({"name": "</script><script>alert(1)</script> & <!--"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


def test_news_article_helper_for_articles_and_press_releases(demo_site):
    page = StandardPage.objects.get(slug="association", locale__language_code="fr")
    request = RequestFactory().get("/association/")

    data = news_article_json_ld(page, request)

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["url"] == "http://testserver/association/"
    assert data["datePublished"] == page.first_published_at.isoformat()
    assert data["publisher"]["name"] == "Villes Internet"
    json.dumps(data)  # serialisable as is


def test_sitemap_is_valid_xml_listing_every_live_page_with_its_alternates(congress_demo, client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    pages = exclude_members_only(Page.objects.live().public().filter(depth__gte=2))
    assert set(entries) == {page.get_full_url() for page in pages}
    assert len(entries) == 22
    for page in pages:
        translations = page.get_translations(inclusive=True).live()
        expected = {t.locale.language_code: t.get_full_url() for t in translations}
        expected["x-default"] = expected["fr"]
        assert entries[page.get_full_url()] == expected, page.url
    assert entries["http://testserver/congres/agen-2026/"]["en"] == "http://testserver/en/congress/agen-2026/"


def test_sitemap_leaves_out_drafts_and_private_pages(demo_site, client):
    from wagtail.models import PageViewRestriction

    home = Page.objects.get(pk=demo_site.pk)
    draft = home.add_child(instance=StandardPage(title="Brouillon", slug="brouillon", live=False))
    home = Page.objects.get(pk=demo_site.pk)
    private = home.add_child(instance=StandardPage(title="Privée", slug="privee"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    locations = {
        url.find(f"{SITEMAP}loc").text
        for url in ET.fromstring(client.get("/sitemap.xml").content).findall(f"{SITEMAP}url")  # noqa: S314
    }
    assert draft.get_full_url() not in locations
    assert private.get_full_url() not in locations
    assert "http://testserver/association/" in locations


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_english_prefix_does_not_serve_sitemap_or_robots(demo_site, client):
    assert client.get("/en/sitemap.xml").status_code == 404
    assert client.get("/en/robots.txt").status_code == 404
