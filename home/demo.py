"""Demo page tree: French pages with English translations, site settings, staff account.

Idempotent: a page that already exists (same slug under the same parent) is left as it is,
so that running the loader twice, or after staff edited a page, changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.demo import Log, ensure_locales, ensure_page, ensure_translation, publish
from core.models import SiteSettings
from editorial.models import StandardPage

from . import demo_content as content
from .models import HomePage

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@villes-internet.test"
DEMO_ADMIN_PASSWORD = "VillesInternet-demo-2026"  # noqa: S105 (local demo only, documented in README)


def _home_body(lang: str, pages: dict[str, Page]) -> list[dict]:
    text = content.HOME[lang]
    return [
        {
            "type": "hero",
            "value": {
                "title": text["hero"]["title"],
                "text": text["hero"]["text"],
                "image": None,
                "image_alt": "",
                "link": {"page": pages["label"].pk, "url": "", "text": text["hero"]["link_text"]},
            },
        },
        {"type": "key_figures", "value": {"title": text["figures_title"], "figures": text["figures"]}},
        {
            "type": "featured",
            "value": {
                "title": text["featured_title"],
                "items": [
                    {"page": pages[key].pk, "teaser": ""} for key in ("association", "congres", "atlaas")
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": text["cta"]["title"],
                "text": text["cta"]["text"],
                "link": {"page": pages["adherer"].pk, "url": "", "text": text["cta"]["link_text"]},
            },
        },
        {"type": "rich_text", "value": text["closing"]},
    ]


def _french_home(french: Locale, log: Log) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    existing = HomePage.objects.filter(locale=french, depth=2).first()
    if existing is not None:
        home = existing
    else:
        root = Page.get_first_root_node()
        text = content.HOME["fr"]
        home = root.add_child(
            instance=HomePage(
                title=text["title"], slug="accueil", introduction=text["introduction"], locale=french
            )
        )
        publish(home)
        log("  page d'accueil française créée")
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Villes Internet"
        )
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = "Villes Internet"
        site.save()
        # Wagtail's initial "Welcome to your new Wagtail site!" page is not part of the site.
        if type(welcome.specific) is Page and not welcome.get_children().exists():
            welcome.delete()
    return home


def _ensure_page(parent: Page, locale: Locale, data: dict, log: Log) -> StandardPage:
    return ensure_page(parent, StandardPage(locale=locale, **data), log)


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo page tree, site settings and staff account. Returns row counts."""
    french, english = ensure_locales()
    home = _french_home(french, log)

    pages: dict[str, Page] = {}
    for entry in [*content.MAIN_PAGES, *content.LEGAL_PAGES]:
        pages[entry["key"]] = _ensure_page(home, french, entry["fr"], log)

    if not home.body:
        home = HomePage.objects.get(pk=home.pk)
        home.body = _home_body("fr", pages)
        publish(home)
        log("  sections de la page d'accueil ajoutées")

    english_home, english_home_created = ensure_translation(
        home,
        english,
        {
            "title": content.HOME["en"]["title"],
            "slug": "home",
            "introduction": content.HOME["en"]["introduction"],
        },
        log,
    )
    english_pages: dict[str, Page] = {}
    for entry in [*content.MAIN_PAGES, *content.LEGAL_PAGES]:
        english_pages[entry["key"]], _ = ensure_translation(pages[entry["key"]], english, entry["en"], log)
    # Blocks point at pages by id; the English home points at the English pages.
    if english_home_created:
        # Reload: the tree columns (numchild) changed when its children were added.
        english_home = HomePage.objects.get(pk=english_home.pk)
        english_home.body = _home_body("en", english_pages)
        publish(english_home)
        log("  sections de la page d'accueil anglaise ajoutées")

    _ensure_site_settings(home, pages, log)
    _ensure_staff_account(log)
    return {"pages": Page.objects.filter(depth__gte=2).count()}


def _ensure_site_settings(home: HomePage, pages: dict[str, Page], log: Log) -> None:
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    if site_settings.main_navigation or site_settings.legal_pages:
        return
    site_settings.organisation_name = content.SITE_SETTINGS["organisation_name"]
    site_settings.main_navigation = [
        {"type": "page", "value": pages[key].pk}
        for key in ("association", "label", "congres", "atlaas", "adherer")
    ]
    site_settings.join_page = pages["adherer"]
    site_settings.legal_pages = [
        {"type": "page", "value": pages[key].pk}
        for key in ("mentions-legales", "accessibilite", "donnees-personnelles")
    ]
    site_settings.save()
    log("  paramètres du site (navigation, pied de page) enregistrés")


def _ensure_staff_account(log: Log) -> None:
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return
    user_model.objects.create_superuser(
        username=DEMO_ADMIN_USERNAME,
        email=DEMO_ADMIN_EMAIL,
        password=DEMO_ADMIN_PASSWORD,
        first_name="Équipe",
        last_name="Communication",
    )
    log(f"  compte d'administration « {DEMO_ADMIN_USERNAME} » créé (usage local uniquement)")
