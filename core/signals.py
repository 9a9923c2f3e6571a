"""Keep the cached members-only paths true when pages change, and the documents of members-only
pages private (core.private_documents)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models.pages import BasePage, forget_members_only_paths


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
