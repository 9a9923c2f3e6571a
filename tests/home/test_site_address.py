"""The demo's site record matches the server it runs on (WAGTAILADMIN_BASE_URL), so absolute
links (canonical, og:url, feeds, sitemap) work where the newcomer opens the site."""

import re

import feedparser
import pytest
from django.test import override_settings
from wagtail.models import Site

from core.demo import quiet
from home import demo

pytestmark = pytest.mark.django_db

DEV = "http://127.0.0.1:8000"


@pytest.fixture
def dev_site(full_demo):
    """The full demo loaded on Wagtail's initial site record (localhost:80), as ``make run``
    meets it, then the demo loader run again with the development base URL."""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    with override_settings(WAGTAILADMIN_BASE_URL=DEV):
        demo.load(quiet)
        yield Site.objects.get(is_default_site=True)


def test_demo_site_takes_the_address_of_the_base_url(dev_site):
    assert (dev_site.hostname, dev_site.port) == ("127.0.0.1", 8000)
    assert dev_site.root_url == DEV


def test_canonical_og_url_and_feed_links_point_at_the_dev_server(dev_site, client):
    content = client.get("/actualites/", HTTP_HOST="127.0.0.1:8000").content.decode()

    assert f'<link rel="canonical" href="{DEV}/actualites/">' in content
    assert f'<meta property="og:url" content="{DEV}/actualites/">' in content
    assert f'href="{DEV}/actualites/flux/rss/"' in content
    assert f'href="{DEV}/actualites/flux/atom/"' in content
    assert "http://localhost/" not in content


def test_feed_items_and_sitemap_point_at_the_dev_server(dev_site, client):
    feed = feedparser.parse(client.get("/actualites/flux/rss/", HTTP_HOST="127.0.0.1:8000").content)
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8000").content.decode()

    assert feed.entries
    assert all(entry.link.startswith(f"{DEV}/actualites/") for entry in feed.entries)
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations
    assert all(location.startswith(f"{DEV}/") for location in locations)


def test_a_site_staff_moved_is_left_where_it_is(full_demo):
    Site.objects.filter(is_default_site=True).update(hostname="www.villes-internet.example", port=443)

    with override_settings(WAGTAILADMIN_BASE_URL=DEV):
        demo.load(quiet)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.villes-internet.example", 443)
