"""factory_boy factories of the editorial app (wagtail_factories for pages), shared by the
tests and ``make bench``.

Values come from Faker; ``make bench`` reseeds ``factory.random`` first (see
``territories.factories``).
"""

from __future__ import annotations

import factory
import wagtail_factories

from .models import ArticlePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A live news article in French, under ``parent`` (a news index)."""

    class Meta:
        model = ArticlePage

    title = factory.Faker("sentence", nb_words=6, locale="fr_FR")
    date = factory.Faker("date_between", start_date="-3y", end_date="today")
    teaser = factory.Faker("sentence", nb_words=20, locale="fr_FR")
    live = True
