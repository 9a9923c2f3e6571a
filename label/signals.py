"""The page cache forgets the palmarès pages (and the collectivity histories served under their
index) and the home pages, whose figures quote the label, when an edition changes: above all when
its results are published ("Publier les résultats", label.services.publication)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page

from core import page_cache

from .models import LabelEdition, PalmaresIndexPage, PalmaresPage


@receiver(post_save, sender=LabelEdition)
@receiver(post_delete, sender=LabelEdition)
def edition_changed(sender, instance: LabelEdition, **kwargs) -> None:
    page_cache.purge(palmares_and_homes)


def palmares_and_homes() -> page_cache.Purge:
    target = page_cache.Purge()
    for pages in (
        PalmaresIndexPage.objects.all(),
        PalmaresPage.objects.all(),
        Page.objects.filter(depth=2),  # the home page of each language
    ):
        target.pages.update(pages)
    return target


@page_cache.register_next_change
def next_results_publication():
    """Results scheduled for later appear by themselves when their time comes."""
    return (
        LabelEdition.objects.filter(results_published_at__gt=timezone.now())
        .order_by("results_published_at")
        .values_list("results_published_at", flat=True)
        .first()
    )
