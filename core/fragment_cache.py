"""What every page shows that only staff change, kept in the cache: the request's site, the
site settings (in each process), the main navigation, the legal links of the footer and each
language's home (per site and language), and a few values other apps read on every page
(``cached_value``).

Building them costs the site, the settings, their page choosers, the locale, the pages' view
restrictions: about ten queries a page. They are kept under a version that any change which
could alter them replaces (a page saved, published, unpublished, moved or deleted; the site
settings, a view restriction, a site or a locale saved or deleted; the models apps ``watch``),
at once and again when the transaction commits, so that a request reading in between does not
keep what is about to change. A request reads the version once (``core.request_memo``), and a
process keeps what it read under the current version in its own memory, so that a warm process
asks the shared cache for the version alone. With a shared cache (``REDIS_URL``) every process
sees the new version from its next request; with a cache per process, another process sees it
within ``FRAGMENT_SECONDS`` (the version itself lasts that long, so nothing kept under it
outlives it).
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site, sites
from wagtail.signals import page_published, page_unpublished, post_page_move

_original_get_site_for_hostname = sites.get_site_for_hostname

VERSION_KEY = "core:fragments:version"
FRAGMENT_SECONDS = 60


@dataclass(frozen=True)
class Link:
    """A page as the header and footer link to it."""

    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class SiteChrome:
    """What the header and footer show that comes from the database."""

    main_navigation: tuple[Link, ...]
    legal_pages: tuple[Link, ...]
    home_urls: dict[str, str]  # language code -> URL of the live home in that language
    root_url: str  # the site's root page, where a language has no live home


_MEMO_KEY = "core.fragment_cache.version"
#: What this process read or built under the current version (``_kept``), so that a warm
#: process asks the shared cache for the version only, once per request.
_process_values: dict[str, object] = {}
_process_version: list[str | None] = [None]
PROCESS_VALUES_MAX = 1000


def version() -> str:
    """The current version, read once per request (request_memo) and again after a ``forget``."""
    from core import request_memo

    memo = request_memo.memo()
    if memo is not None and (current := memo.get(_MEMO_KEY)):
        return current
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, current, FRAGMENT_SECONDS):
            current = cache.get(VERSION_KEY) or current
    if current != _process_version[0]:
        _process_values.clear()
        _process_version[0] = current
    if memo is not None:
        memo[_MEMO_KEY] = current
    return current


def _kept(name: str, compute):
    """What is kept as ``name`` under the current version: from this process's memory, else
    from the shared cache, else ``compute()`` (None is never kept: it is computed each time)."""
    key = f"core:fragments:{version()}:{name}"
    value = _process_values.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, FRAGMENT_SECONDS)
        if len(_process_values) >= PROCESS_VALUES_MAX:
            _process_values.clear()
        _process_values[key] = value
    return value


def forget() -> None:
    """Every page's header and footer are rebuilt on their next request."""
    from core import request_memo

    cache.set(VERSION_KEY, uuid.uuid4().hex, FRAGMENT_SECONDS)
    memo = request_memo.memo()
    if memo is not None:
        memo.pop(_MEMO_KEY, None)


def forget_after_commit() -> None:
    """What the transaction changed is now visible: forget what a request may have rebuilt from
    the rows before the commit (the fragments and the restricted paths)."""
    from core import page_access

    forget()
    page_access.forget()


def forget_on_commit() -> None:
    """Once per transaction (one callback, whatever the number of changes)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if not any(func is forget_after_commit for _ids, func, _robust in connection.run_on_commit):
        transaction.on_commit(forget_after_commit)


def forget_now_and_on_commit() -> None:
    forget()
    forget_on_commit()


def site_for_hostname(hostname: str, port: int) -> Site:
    """Wagtail's ``get_site_for_hostname`` (the site of a request, with its root page), kept
    in the cache under the current version; a host with no site is asked each time."""
    return _kept(f"site:{hostname}:{port}", lambda: _original_get_site_for_hostname(hostname, port))


_settings_memo: dict = {}


def site_settings_for_site(model, site: Site, load):
    """The site settings of ``site``, loaded by ``load`` once per process and version; each
    caller gets its own copy (Wagtail writes the request on it)."""
    key = (model._meta.label, site.pk, version())
    instance = _settings_memo.get(key)
    if instance is None:
        instance = load()
        _settings_memo.clear()
        _settings_memo[key] = instance
    return copy.copy(instance)


def cached_value(name: str, compute):
    """``compute()``, kept in the cache under the current version: for a value read on many
    pages that only changes with what this module watches (see ``watch``)."""
    return _kept(f"value:{name}", compute)


def watch(*models) -> None:
    """Saving or deleting a row of ``models`` replaces the version (for apps above core whose
    rows feed ``cached_value``); for a many-to-many table (``Model.field.through``), adding,
    removing or clearing links does."""
    for model in models:
        uid = f"core.fragment_cache.watch.{model._meta.label}"
        for signal in (post_save, post_delete):
            signal.connect(_forget, sender=model, dispatch_uid=uid)
        if model._meta.auto_created:
            m2m_changed.connect(_forget_on_links_change, sender=model, dispatch_uid=uid)


def _forget_on_links_change(sender, action: str = "", **kwargs) -> None:
    if action.startswith("post_"):
        forget_now_and_on_commit()


def site_chrome(request: HttpRequest) -> SiteChrome:
    """The header's and footer's links for the request's site in the active language."""
    from django.utils import translation

    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return _kept(f"chrome:{site.pk if site else 0}:{language}", lambda: build_site_chrome(request, site))


def build_site_chrome(request: HttpRequest, site: Site | None) -> SiteChrome:
    from core.models import SiteSettings

    if site is None:
        return SiteChrome(main_navigation=(), legal_pages=(), home_urls={}, root_url="/")
    site_settings = SiteSettings.for_site(site)
    locale = Locale.get_active()
    root = site.root_page
    homes = root.get_translations(inclusive=True).live().select_related("locale")
    navigation = localized_live_pages(stream_pages(site_settings.main_navigation), locale)
    legal_pages = localized_live_pages(stream_pages(site_settings.legal_pages), locale)
    return SiteChrome(
        main_navigation=links(request, navigation),
        legal_pages=links(request, legal_pages),
        home_urls={page.locale.language_code: page.get_url(request) or "/" for page in homes},
        root_url=root.get_url(request) or "/",
    )


def stream_pages(stream) -> list[Page]:
    """The pages chosen in a StreamField of page choosers, in order."""
    return [block.value for block in stream if block.value is not None]


def localized_live_pages(pages: list[Page], locale: Locale) -> list[Page]:
    """The live, public translations of ``pages`` in ``locale``, in the same order, in one
    query. Pages with no live translation in that locale are left out, so that the English side
    never links to a French page."""
    keys = [page.translation_key for page in pages if page is not None]
    if not keys:
        return []
    found = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(translation_key__in=keys, locale=locale)
    }
    return [found[key] for key in keys if key in found]


def links(request: HttpRequest, pages: list[Page]) -> tuple[Link, ...]:
    return tuple(Link(pk=page.pk, title=page.title, url=page.get_url(request) or "") for page in pages)


def _forget(sender, instance=None, **kwargs) -> None:
    # Site settings created with their defaults (``for_site`` creates them on first read)
    # change nothing that was shown.
    if kwargs.get("created") and isinstance(instance, BaseSiteSetting):
        return
    forget_now_and_on_commit()


def _forget_on_model_change(sender, instance=None, **kwargs) -> None:
    from core.models import SiteSettings

    if isinstance(instance, Page | SiteSettings | PageViewRestriction | Site | Locale):
        _forget(sender, instance=instance, **kwargs)


def connect() -> None:
    """Called once from ``CoreConfig.ready``."""
    sites.get_site_for_hostname = site_for_hostname
    post_save.connect(_forget_on_model_change, dispatch_uid="core.fragment_cache.saved")
    post_delete.connect(_forget_on_model_change, dispatch_uid="core.fragment_cache.deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_forget, dispatch_uid=f"core.fragment_cache.{id(signal)}")
