"""Helpers of the demo loaders: locales, pages created once, translations, publishing.

Every app's ``demo.load(log)`` uses them, and ``manage.py load_demo_data`` runs the loaders
named in ``settings.DEMO_LOADERS``. A helper never overwrites what exists: running the demo
twice, or after staff edited a page, changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from wagtail.models import Locale, Page

Log = Callable[[str], None]
PageT = TypeVar("PageT", bound=Page)


def quiet(message: str) -> None:
    """A log that prints nothing (tests, benchmarks)."""


def publish(page: Page) -> None:
    page.save_revision().publish()


def ensure_locales() -> tuple[Locale, Locale]:
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return french, english


def home_page(language_code: str) -> Page:
    """The home page (the root of a language's tree), as its specific type."""
    return Page.objects.get(depth=2, locale__language_code=language_code).specific


def child_page(parent: Page, locale: Locale, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug, locale=locale).specific().first()


def ensure_page(parent: Page, page: PageT, log: Log) -> PageT:
    """The child of ``parent`` with ``page``'s slug and locale; ``page`` is added and
    published when there is none."""
    existing = child_page(parent, page.locale, page.slug)
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    publish(page)
    log(f"  page « {page.title} » créée")
    return page


def ensure_translation(source: Page, locale: Locale, data: dict, log: Log) -> tuple[Page, bool]:
    """The translation of ``source`` in ``locale``, created (and published) if missing.

    The translation shares the source's translation key, so the language switcher, hreflang
    and wagtail-localize know the two are one page; it lives under the translation of the
    source's parent (or the tree root for a home page). Returns it and whether it was created.
    """
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    source = source.specific
    parent = source.get_parent()
    if parent.depth > 1:
        parent = parent.get_translation(locale)
    translation = type(source)(locale=locale, translation_key=source.translation_key, **data)
    parent.add_child(instance=translation)
    publish(translation)
    log(f"  traduction « {translation.title} » créée")
    return translation, True
