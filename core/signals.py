"""Keep the cached members-only paths true when pages change, the documents of members-only
pages private (core.private_documents), and purge the page cache (core.page_cache)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache
from .models.pages import BasePage, forget_members_only_paths
from .models.site_settings import SiteSettings


@receiver(post_save)
@receiver(post_delete)
def page_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_members_only_paths()


@receiver(page_unpublished)
def page_unpublished_(sender, **kwargs) -> None:
    forget_members_only_paths()


@receiver(page_published)
@receiver(post_page_move)
def page_published_or_moved(sender, instance=None, **kwargs) -> None:
    """Forget the cached paths; the documents of a page that is (now) members-only go to the
    private collection."""
    forget_members_only_paths()
    page = instance.specific if isinstance(instance, Page) else None
    if isinstance(page, BasePage) and page.live and page.is_members_only():
        from . import documents
        from .private_documents import make_documents_private

        make_documents_private(page, descendants=kwargs.get("signal") is post_page_move)
        documents.remove_under(page)  # no public generated file for a members-only page


# --- Page cache purges (core.page_cache) --------------------------------------------------------


@receiver(page_published)
def purge_published(sender, instance=None, **kwargs) -> None:
    page_cache.page_event(instance, "published")


@receiver(page_unpublished)
def purge_unpublished(sender, instance=None, **kwargs) -> None:
    page_cache.page_event(instance, "unpublished")


@receiver(post_page_move)
def purge_moved(sender, instance=None, parent_page_before=None, url_path_before="", **kwargs) -> None:
    """The page and its descendants at their old and new URLs, both parents."""
    page_cache.page_event(instance, "moved", extra=[parent_page_before, *_old_paths(url_path_before)])


@receiver(pre_delete)
def purge_deleted(sender, instance=None, **kwargs) -> None:
    # Once per page: the specific model's signal, not its parent tables'.
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        page_cache.page_event(instance, "deleted")


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def purge_everything(sender, **kwargs) -> None:
    """Navigation, footer and site settings are on every page."""
    page_cache.purge_everything()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_restricted(sender, instance: PageViewRestriction, **kwargs) -> None:
    """A privacy setting (password, login, groups) changes without publishing: the page and its
    descendants must not stay in the cache for everyone."""
    page_id = instance.page_id

    def target() -> page_cache.Purge:
        page = Page.objects.filter(pk=page_id).first()
        found = page_cache.Purge()
        if page is not None:
            found.pages.update(page.get_descendants(inclusive=True))
        return found

    page_cache.purge(target)


def connect_purge_everything_models() -> None:
    """Models of settings.PAGE_CACHE_PURGE_EVERYTHING_ON purge every page when saved or deleted."""
    for label in settings.PAGE_CACHE_PURGE_EVERYTHING_ON:
        for signal in (post_save, post_delete):
            signal.connect(purge_everything, sender=label, dispatch_uid=f"page-cache-{label}")


connect_purge_everything_models()


def _old_paths(url_path_before: str) -> list[str]:
    """The paths a moved page had on each site (for the CDN; the page cache purges by page)."""
    paths = []
    for root in Site.get_site_root_paths():
        if url_path_before.startswith(root.root_path):
            prefix = "" if root.language_code == settings.LANGUAGE_CODE else f"/{root.language_code}"
            paths.append(prefix + url_path_before[len(root.root_path) - 1 :])
    return paths


@page_cache.register_dependents
def pages_around(page: Page, event: str):
    """What every page appears on: the sitemap, its parent's listing, its translations' language
    switcher, the pages and settings that link to it; its descendants when their URLs move or
    when they become members-only."""
    yield "sitemap"
    if page.depth > 1:
        yield page.get_parent()
    yield from page.get_translations()
    specific = page.specific_deferred if type(page) is Page else page
    if event == "moved" or (
        event == "published" and isinstance(specific, BasePage) and specific.is_members_only()
    ):
        yield from page.get_descendants()
    if _shown_by_site_settings(page):
        yield page_cache.ALL
    referring = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
        .distinct()
    )
    yield from Page.objects.filter(pk__in=[int(pk) for pk in referring])


def _shown_by_site_settings(page: Page) -> bool:
    """Is ``page``, or a translation of it, in the navigation, footer or settings of a site?
    (The settings name French pages; the English site shows their translations.)"""
    ids: set[int] = set()
    for site_settings in SiteSettings.objects.all():
        for stream in (site_settings.main_navigation, site_settings.legal_pages):
            ids.update(block["value"] for block in stream.raw_data if block.get("value"))
        ids.update(filter(None, (site_settings.join_page_id, site_settings.members_resources_page_id)))
    return bool(ids) and Page.objects.filter(pk__in=ids, translation_key=page.translation_key).exists()
