"""The home page lists the latest news, press releases, congress editions and upcoming webinar
sessions: a change to one of them purges the home page of its language (core.page_cache)."""

from core import page_cache
from editorial.models import ArticlePage, CongressPage, PressReleasePage
from webinars.models import SessionPage

from .models import HomePage

LISTED_ON_HOME = (ArticlePage, PressReleasePage, CongressPage, SessionPage)


@page_cache.register_dependents
def home_lists_it(page, event: str):
    if isinstance(page, LISTED_ON_HOME):
        yield from HomePage.objects.filter(locale_id=page.locale_id)
