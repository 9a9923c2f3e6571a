"""Registrants are told when a session they registered to moves (see services.announce_schedule)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import SessionPage


@receiver(page_published, sender=SessionPage)
def session_published(sender, instance: SessionPage, **kwargs) -> None:
    from .services import announce_schedule

    announce_schedule(instance)
