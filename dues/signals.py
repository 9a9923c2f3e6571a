"""The page cache forgets the public dues table and calculator (/cotisations/) when a tier changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import page_cache

from .models import DuesTier


@receiver(post_save, sender=DuesTier)
@receiver(post_delete, sender=DuesTier)
def tiers_changed(sender, **kwargs) -> None:
    page_cache.purge(page_cache.Purge(tags={"dues-tiers"}))
