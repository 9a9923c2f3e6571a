"""Demo news: the news index in French and English, categories and a dozen articles.

Deterministic and idempotent: what already exists (same slug under the same parent, same
category slug in the same locale) is left as it is. Runs after home.demo (it needs the homes).
"""

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale, Page

from core.demo import home_page, publish
from core.models import SiteSettings
from editorial import demo_news_content as content
from editorial.models import ArticlePage, NewsCategory, NewsIndexPage

Log = Callable[[str], None]


def _ensure_categories(french: Locale, english: Locale, log: Log) -> dict[str, dict[str, NewsCategory]]:
    categories: dict[str, dict[str, NewsCategory]] = {"fr": {}, "en": {}}
    for entry in content.CATEGORIES:
        name, slug = entry["fr"]
        source, created = NewsCategory.objects.get_or_create(
            locale=french, slug=slug, defaults={"name": name}
        )
        if created:
            log(f"  catégorie « {name} » créée")
        categories["fr"][entry["key"]] = source
        translation = source.get_translation_or_none(english)
        if translation is None:
            name, slug = entry["en"]
            translation = source.copy_for_translation(english)
            translation.name = name
            translation.slug = slug
            translation.save()
            log(f"  catégorie « {name} » (anglais) créée")
        categories["en"][entry["key"]] = translation
    return categories


def _ensure_index(home: Page, locale: Locale, data: dict, source: Page | None, log: Log) -> NewsIndexPage:
    existing = NewsIndexPage.objects.child_of(home).filter(locale=locale).first()
    if existing is not None:
        return existing
    extra = {"translation_key": source.translation_key} if source is not None else {}
    index = home.add_child(instance=NewsIndexPage(locale=locale, **data, **extra))
    publish(index)
    log(f"  index « {index.title} » créé")
    return index


def _ensure_article(
    index: NewsIndexPage,
    locale: Locale,
    data: dict,
    categories: list[NewsCategory],
    source: Page | None,
    log: Log,
) -> tuple[ArticlePage, bool]:
    existing = ArticlePage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    if source is not None:
        existing = source.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific, False
    article = ArticlePage(
        locale=locale,
        slug=data["slug"],
        title=data["title"],
        date=data["date"],
        teaser=data["teaser"],
        body=data["body"],
        **({"translation_key": source.translation_key} if source is not None else {}),
    )
    article.categories = categories
    article.tags.add(*data["tags"])
    # Reload the parent: its numchild changed with every article added before this one.
    index = NewsIndexPage.objects.get(pk=index.pk)
    index.add_child(instance=article)
    publish(article)
    log(f"  article « {article.title} » créé")
    return article, True


def _add_to_navigation(home: Page, index: NewsIndexPage, log: Log) -> None:
    """Append the news index to the main navigation, once, keeping what is there."""
    site = home.get_site()
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


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Build the demo news. Returns row counts."""
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    home = home_page("fr")
    english_home = home.get_translation(english)

    categories = _ensure_categories(french, english, log)
    index = _ensure_index(home, french, content.INDEX["fr"], None, log)
    english_index = _ensure_index(english_home, english, content.INDEX["en"], index, log)

    for entry in content.ARTICLES:
        article, _created = _ensure_article(
            index, french, entry, [categories["fr"][key] for key in entry["categories"]], None, log
        )
        if "en" in entry:
            _ensure_article(
                english_index,
                english,
                {**entry["en"], "date": entry["date"]},
                [categories["en"][key] for key in entry["categories"]],
                article,
                log,
            )

    _add_to_navigation(home, index, log)
    return {
        "catégories": NewsCategory.objects.count(),
        "articles": ArticlePage.objects.count(),
    }
