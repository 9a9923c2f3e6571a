"""The page cache forgets the Atlaas catalogue (its listings, collectivity pages and sheets, all
served by the catalogue page) and the home pages (their laureates' sheets section) when a sheet
changes: sheets are written in the member portal, not published as pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from core import page_cache

from .models import ActionCatalogPage, ActionSheet


@receiver(post_save, sender=ActionSheet)
@receiver(post_delete, sender=ActionSheet)
def sheet_changed(sender, **kwargs) -> None:
    page_cache.purge(catalogue_and_homes)


def catalogue_and_homes() -> page_cache.Purge:
    target = page_cache.Purge()
    target.pages.update(ActionCatalogPage.objects.all())
    target.pages.update(Page.objects.filter(depth=2))  # the home page of each language
    return target
