"""No third-party request from the admin: staff browsing the admin's main pages load nothing
from another origin (no avatar service, no font or script CDN)."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import SubmenuMenuItem, admin_menu, settings_menu
from wagtail.models import Page

pytestmark = pytest.mark.django_db

SITE_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")
#: What a browser fetches by itself: these attributes of these elements.
RESOURCE_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "form": ("action",),
}


def fetched_urls(html: str) -> list[str]:
    """Every URL the page makes a browser request without a click: resource attributes,
    srcset candidates, url() in style attributes and <style> elements."""
    soup = BeautifulSoup(html, "html.parser")
    urls = []
    for tag, attributes in RESOURCE_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if not value:
                    continue
                if attribute == "srcset":
                    urls += [
                        candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()
                    ]
                else:
                    urls.append(value)
    for element in soup.find_all(style=True):
        urls += CSS_URL.findall(element["style"])
    for element in soup.find_all("style"):
        urls += CSS_URL.findall(element.get_text())
    return urls


def outside(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob", "about", "javascript", "mailto", "tel"):
        return False
    return parts.scheme not in ("", "http", "https") or parts.netloc.split(":")[0] not in SITE_HOSTS


def menu_urls(user) -> set[str]:
    """Every page the admin's menus (main and settings) lead to, submenus included."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls: set[str] = set()

    def walk(items):
        for item in items:
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu.menu_items_for_request(request))
            elif item.url.startswith("/admin/"):
                urls.add(item.url)

    walk(admin_menu.menu_items_for_request(request))
    walk(settings_menu.menu_items_for_request(request))
    return urls


def test_the_fetched_urls_are_read_from_every_kind_of_element():
    html = (
        '<img src="//www.gravatar.com/avatar/abc"><link href="https://fonts.example.com/a.css">'
        '<img srcset="/static/a.png 1x, https://cdn.example.com/b.png 2x">'
        "<div style=\"background: url('https://cdn.example.com/c.png')\"></div>"
        '<script src="/static/admin.js"></script><a href="https://guide.wagtail.org/">guide</a>'
    )
    assert sorted(url for url in fetched_urls(html) if outside(url)) == [
        "//www.gravatar.com/avatar/abc",
        "https://cdn.example.com/b.png",
        "https://cdn.example.com/c.png",
        "https://fonts.example.com/a.css",
    ]


def test_the_admin_main_pages_load_nothing_from_another_origin(demo_site, admin_client, admin_user):
    home = Page.objects.get(pk=demo_site.pk)
    pages = {
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
        reverse("wagtailusers_users:edit", args=[admin_user.pk]),
        "/admin/account/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/aging-pages/",
        *menu_urls(admin_user),
    }
    assert len(pages) > 25  # every app's listing is among them
    found = {}
    for url in sorted(pages):
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url
        third_party = [u for u in fetched_urls(response.content.decode()) if outside(u)]
        if third_party:
            found[url] = third_party
    assert found == {}
