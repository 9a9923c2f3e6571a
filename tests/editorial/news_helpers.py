"""Builders shared by the news tests: an index under a home page, articles, categories."""

import datetime
import itertools

from wagtail.models import Locale, Page

from editorial.models import ArticlePage, NewsCategory, NewsIndexPage

_numbers = itertools.count(1)


def make_index(home: Page, slug: str = "actualites", title: str = "Actualités", **extra) -> NewsIndexPage:
    index = home.add_child(instance=NewsIndexPage(title=title, slug=slug, locale=home.locale, **extra))
    index.save_revision().publish()
    return NewsIndexPage.objects.get(pk=index.pk)


def make_category(locale: Locale, name: str, slug: str, source: NewsCategory | None = None) -> NewsCategory:
    extra = {"translation_key": source.translation_key} if source else {}
    return NewsCategory.objects.create(locale=locale, name=name, slug=slug, **extra)


def make_article(
    index: NewsIndexPage,
    title: str | None = None,
    date: datetime.date = datetime.date(2025, 6, 1),
    categories: list[NewsCategory] = (),
    tags: list[str] = (),
    live: bool = True,
    **extra,
) -> ArticlePage:
    number = next(_numbers)
    title = title or f"Article numéro {number}"
    article = ArticlePage(
        title=title,
        slug=extra.pop("slug", f"article-{number}"),
        date=date,
        teaser=extra.pop("teaser", f"Chapeau de l'article {number}."),
        locale=index.locale,
        live=live,
        **extra,
    )
    article.categories = list(categories)
    if tags:
        article.tags.add(*tags)
    NewsIndexPage.objects.get(pk=index.pk).add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)
