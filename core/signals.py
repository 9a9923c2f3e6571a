"""Keep the cached members-only paths true when pages change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models.pages import forget_members_only_paths


@receiver(post_save)
@receiver(post_delete)
def page_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_members_only_paths()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_moved_or_published(sender, **kwargs) -> None:
    forget_members_only_paths()
