"""RSS 2.0 and Atom feeds of a news index: its latest articles, in the index's language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from editorial.models.news import FEED_LENGTH, ArticlePage, NewsIndexPage


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index: NewsIndexPage):
        self.request = request
        self.urls = index.feed_urls(request)
        self.language = index.locale.language_code
        return index

    def title(self, index: NewsIndexPage) -> str:
        return f"{index.title} · Villes Internet"

    def link(self, index: NewsIndexPage) -> str:
        return index.get_full_url(self.request)

    def feed_url(self, index: NewsIndexPage) -> str:
        return self.urls["rss"]

    def description(self, index: NewsIndexPage) -> str:
        return index.introduction or _("Les dernières actualités de l'association Villes Internet.")

    def items(self, index: NewsIndexPage):
        return index.articles()[:FEED_LENGTH]

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.teaser

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_guid(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_pubdate(self, item: ArticlePage):
        return item.published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or item.published_at

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [category.name for category in item.categories.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def feed_url(self, index: NewsIndexPage) -> str:
        return self.urls["atom"]

    def subtitle(self, index: NewsIndexPage) -> str:
        return self.description(index)
