"""Demo page tree: French pages with English translations, site settings, staff account.

The pages and their text are data (``home/demo/pages.yaml``, read by ``core.demo``). What is
procedural stays here: the home page becomes the root of the default site (in place of
Wagtail's welcome page), the site settings, and the staff account. Idempotent: what exists
(a page, the settings once filled in, the account) is left as it is.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from core.demo import SOURCE_LANGUAGE, Log, PageTree, read_data
from core.models import SiteSettings

from .models import HomePage

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@villes-internet.test"
DEMO_ADMIN_PASSWORD = "VillesInternet-demo-2026"  # noqa: S105 (local demo only, documented in README)
PAGES = Path(__file__).parent / "demo" / "pages.yaml"


def _home_texts(data: dict) -> dict[str, dict]:
    """The hero's title and button, and the call to action's button, of each home page."""
    home = next(entry for entry in data["pages"] if entry["key"] == "home")
    texts = {}
    for language in ("fr", "en"):
        sections = {block["type"]: block["value"] for block in home[language]["body"]}
        texts[language] = {
            "hero": {"title": sections["hero"]["title"], "link_text": sections["hero"]["link"]["text"]},
            "cta": {"link_text": sections["call_to_action"]["link"]["text"]},
        }
    return texts


HOME = _home_texts(read_data(PAGES))


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo page tree, site settings and staff account. Returns row counts."""
    tree = PageTree(read_data(PAGES))
    tree.create_pages("fr", log)
    _ensure_site(tree.pages[("home", SOURCE_LANGUAGE)], log)
    # After the site: the English home takes the slug of Wagtail's welcome page, now deleted.
    tree.create_pages("en", log)
    tree.publish_created(log)
    _ensure_site_settings(tree, log)
    _ensure_staff_account(log)
    return {"pages": Page.objects.filter(depth__gte=2).count()}


# The site record Wagtail's first migration creates: a demo loaded on it moves it to the server.
WAGTAIL_INITIAL_SITE = ("localhost", 80)


def site_address() -> tuple[str, int]:
    """Host name and port of the server the site runs on, from ``WAGTAILADMIN_BASE_URL`` (the
    base of the emails too): ``make run`` serves http://127.0.0.1:8000, so the canonical links,
    feeds and sitemap of the demo point there."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if url.scheme == "https" else 80
    return url.hostname or "localhost", url.port or default_port


def _ensure_site(home: HomePage, log: Log) -> None:
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Villes Internet"
        )
        log("  site par défaut créé")
        return
    if (site.hostname, site.port) == WAGTAIL_INITIAL_SITE and (hostname, port) != WAGTAIL_INITIAL_SITE:
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        log(f"  adresse du site : {settings.WAGTAILADMIN_BASE_URL}")
    if site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = "Villes Internet"
        site.save()
        log("  page d'accueil placée à la racine du site")
        # Wagtail's initial "Welcome to your new Wagtail site!" page is not part of the site.
        if type(welcome.specific) is Page and not welcome.get_children().exists():
            welcome.delete()


def _ensure_site_settings(tree: PageTree, log: Log) -> None:
    """Fill what the settings leave empty: navigation, legal pages, contact details, the join
    and members' resources pages. What staff filled in is kept."""
    home = tree.pages[("home", SOURCE_LANGUAGE)]
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    data = tree.resolve(tree.data["site_settings"], SOURCE_LANGUAGE)
    changed = False
    if not (site_settings.main_navigation or site_settings.legal_pages):
        site_settings.organisation_name = data["organisation_name"]
        site_settings.main_navigation = [{"type": "page", "value": p.pk} for p in data["main_navigation"]]
        site_settings.legal_pages = [{"type": "page", "value": p.pk} for p in data["legal_pages"]]
        changed = True
    for name in ("join_page", "members_resources_page"):
        if getattr(site_settings, f"{name}_id") is None:
            setattr(site_settings, name, data[name])
            changed = True
    for name in ("address", "email", "phone"):
        if not getattr(site_settings, name):
            setattr(site_settings, name, data[name])
            changed = True
    if changed:
        site_settings.save()
        log("  paramètres du site (navigation, coordonnées, pied de page) enregistrés")


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
