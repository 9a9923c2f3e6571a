"""Demo news: the news index in French and English, categories and a dozen articles.

The text is data (``editorial/demo/news.yaml``, read by ``core.demo``); this module adds the
news index to the main navigation. Idempotent: what exists is left as it is. Runs after
home.demo (it needs the homes) and label.demo (the articles quote the editions' figures).
"""

from pathlib import Path

from django.db import transaction

from core.demo import SOURCE_LANGUAGE, Log, add_to_main_navigation, load_page_tree
from editorial.models import ArticlePage, NewsCategory

NEWS = Path(__file__).parent / "demo" / "news.yaml"


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo news. Returns row counts."""
    tree = load_page_tree(NEWS, log)
    add_to_main_navigation(tree.pages[("news", SOURCE_LANGUAGE)], log)
    return {
        "catégories": NewsCategory.objects.count(),
        "articles": ArticlePage.objects.count(),
    }
