"""Demo news: the news index in French and English, categories and a dozen articles.

The text is data (``editorial/demo/news.yaml``, read by ``core.demo``); this module adds the
news index to the main navigation. Idempotent: what exists is left as it is. Runs after
home.demo (it needs the homes) and label.demo (the articles quote the editions' figures).
"""

from pathlib import Path

from django.db import transaction

from core.demo import SOURCE_LANGUAGE, Log, load_page_tree
from core.models import SiteSettings
from editorial.models import ArticlePage, NewsCategory, NewsIndexPage

NEWS = Path(__file__).parent / "demo" / "news.yaml"


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo news. Returns row counts."""
    tree = load_page_tree(NEWS, log)
    _add_to_navigation(tree.pages[("news", SOURCE_LANGUAGE)], log)
    return {
        "catégories": NewsCategory.objects.count(),
        "articles": ArticlePage.objects.count(),
    }


def _add_to_navigation(index: NewsIndexPage, log: Log) -> None:
    """Append the news index to the main navigation, once, keeping what is there."""
    site = index.get_site()
    if site is None:
        return
    site_settings = SiteSettings.for_site(site)
    if any(
        block.block_type == "page" and block.value and block.value.pk == index.pk
        for block in site_settings.main_navigation
    ):
        return
    site_settings.main_navigation.append(("page", index))
    site_settings.save()
    log("  actualités ajoutées à la navigation principale")
