"""Reflow at 320 CSS px (WCAG 1.4.10): no public page scrolls sideways on a phone, or at 400 %
zoom of a 1280 px window. Every public page type, in French and some in English."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from editorial.models import (
    ArticlePage,
    CongressPage,
    NewsIndexPage,
    PressKitPage,
    PressReleasePage,
    PressRoomPage,
    StandardPage,
)
from home.models import HomePage
from label.models import PalmaresIndexPage, PalmaresPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 320


def first_url(page_type, language: str, **filters) -> str:
    page = Page.objects.live().type(page_type).filter(locale__language_code=language, **filters).first()
    assert page is not None, f"the demo has no live {page_type.__name__} in {language}"
    return page.get_url()


def english(function, *args):
    with translation.override("en"):
        return function(*args)


def public_urls() -> dict[str, str]:
    """What to open, named by page type (French), plus a few English pages."""
    congress = Page.objects.live().type(CongressPage).filter(locale__language_code="fr").first()
    index = first_url(PalmaresIndexPage, "fr")
    en_index = first_url(PalmaresIndexPage, "en")
    standard = (
        Page.objects.live()
        .type(StandardPage)
        .filter(locale__language_code="fr", depth=3)
        .exclude(pk=congress.get_parent().pk)
        .first()
    )
    return {
        "home": first_url(HomePage, "fr"),
        "standard page": standard.get_url(),
        "news index": first_url(NewsIndexPage, "fr"),
        "article": first_url(ArticlePage, "fr"),
        "press room": first_url(PressRoomPage, "fr"),
        "press release": first_url(PressReleasePage, "fr"),
        "press kit": first_url(PressKitPage, "fr"),
        "congress index": congress.get_parent().get_url(),
        "congress page": congress.get_url(),
        "palmarès index": index,
        "palmarès page": first_url(PalmaresPage, "fr", palmarespage__edition__year=2026),
        "collectivity history": f"{index}collectivites/dijon/",
        "search results": reverse("search") + "?q=label",
        "login": reverse("account_login"),
        "sign-up": reverse("account_signup"),
        "404": "/nexiste-pas/",
        "en home": first_url(HomePage, "en"),
        "en press room": first_url(PressRoomPage, "en"),
        "en palmarès page": first_url(PalmaresPage, "en"),
        "en collectivity history": f"{en_index}collectivites/dijon/",
        "en article": first_url(ArticlePage, "en"),
        "en search results": english(reverse, "search") + "?q=label",
        "en login": english(reverse, "account_login"),
        "en 404": "/en/does-not-exist/",
    }


# What sticks out of the viewport, to name the culprit when a page is too wide.
CULPRITS = """(width) => Array.from(document.querySelectorAll('body *'))
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(-3)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className) : ''))"""


def test_every_public_page_type_reflows_at_320_css_px(browser, live_server, full_demo):
    urls = public_urls()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": 640}, locale="fr-FR"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    too_wide = []
    for name, url in urls.items():
        response = page.goto(url)
        assert response.status == (404 if "404" in name else 200), f"{name} {url}: {response.status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide.append(f"{name} ({url}): {width} px, {page.evaluate(CULPRITS, WIDTH)}")
    context.close()
    assert not too_wide, "\n".join(too_wide)


def test_the_member_portal_reflows_at_320_css_px(browser, live_server, full_demo):
    """A référent's portal (the people table, the invitation form), profile, invoices, action sheets,
    self-assessment report and webinar registrations, in both languages."""
    from members import demo as members_demo

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": 640}, locale="fr-FR"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(reverse("account_login"))
    page.fill("#id_login", f"referent.active@{members_demo.EMAIL_DOMAIN}")
    page.fill("#id_password", members_demo.DEMO_MEMBER_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**{reverse('members:portal')}")
    too_wide = []
    names = [
        "members:portal",
        "members:profile",
        "dues:invoices",
        "actions_portal:list",
        "actions_portal:create",
        "actions_portal:report",
        "webinars:collectivity",
    ]
    urls = [reverse(name) for name in names] + [english(reverse, name) for name in names]
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide.append(f"{url}: {width} px, {page.evaluate(CULPRITS, WIDTH)}")
    context.close()
    assert not too_wide, "\n".join(too_wide)
