"""Anonymous public pages served from the shared cache, purged exactly when what they show
changes (docs/decisions.md, "Page cache").

How it works:

- :class:`PageCacheMiddleware` sits right after WhiteNoise. A GET/HEAD without a personal cookie
  (session, messages) and whose query string only holds listing parameters
  (``PAGE_CACHE_QUERY_PARAMS``) is looked up under a key made of scheme, host, path and the
  sorted query string. A hit is answered before sessions, authentication or the database are
  touched (``X-Cache: HIT``).
- On a miss the site builds the page; the response is stored only when the view opted in (a
  Wagtail page that is not members-only, through the ``before_serve_page`` hook of
  core/wagtail_hooks.py, or a URL name listed in ``PAGE_CACHE_URL_NAMES``), answers 200, sets
  no cookie (a form's CSRF token sets one), is not for a logged-in person and does not say
  ``private``/``no-store`` (``X-Cache: MISS``). Everything else answers ``X-Cache: BYPASS``, and
  the personal answers are marked ``Cache-Control: private, no-store``.
- Each stored response carries tags: ``all``, ``path:<path>``, ``page:<id>`` of the page that
  served it (its routable sub-pages and every query string of a listing included) and the tags
  its view declares. Each tag has a version counter in the cache; an entry is served only while
  the versions it was stored with are current. Purging a tag increments its counter (atomic
  INCR on Redis, so every process sees it at once); the stale entries are never read again
  and expire on their own.
- A purge that happens while a page is being built must not let the stale page in: purges first
  increment an ``epoch`` counter, and a page is stored only if the epoch did not move while it
  was built.
- :func:`purge` runs once the transaction commits; it also asks ``wagtail.contrib.frontend_cache``
  (when ``WAGTAILFRONTENDCACHE`` is configured) to purge the same pages and paths from a CDN.
- Pages also change with time alone (an embargo lifted, a webinar that starts): apps register
  the next such moment (:func:`register_next_change`); entries and ``s-maxage`` never outlive it.
- Which pages list which is not known here (core cannot import the apps above it): each app
  registers a function with :func:`register_dependents` that names the pages, paths or tags a
  changed page shows up on (its index, the home page, the feeds...).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

EPOCH_KEY = "pc:epoch"
ALL = "all"
#: Request attribute holding the tags of a response that may be stored (None: not cacheable).
_TAGS_ATTRIBUTE = "_page_cache_tags"
_PRIVATE_ATTRIBUTE = "_page_cache_private"
HEADER = "X-Cache"
_SKIP = {"set-cookie", HEADER.lower()}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


# --- what views say about their response -------------------------------------------------------


def mark_cacheable(request: HttpRequest, *tags: str) -> None:
    """The response to ``request`` may be stored for everyone, tagged with ``tags``."""
    current = getattr(request, _TAGS_ATTRIBUTE, None) or set()
    setattr(request, _TAGS_ATTRIBUTE, current | set(tags))


def mark_private(request: HttpRequest) -> None:
    """The response to ``request`` is personal (a members-only page): never stored, and marked
    ``private, no-store`` for browsers and CDNs."""
    setattr(request, _PRIVATE_ATTRIBUTE, True)


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def path_tag(path: str) -> str:
    return f"path:{path}"


# --- the middleware ----------------------------------------------------------------------------


def _request_bypass_reason(request: HttpRequest) -> str:
    if request.method not in ("GET", "HEAD"):
        return "method"
    bypass_header = getattr(settings, "PAGE_CACHE_BYPASS_HEADER", "")
    if bypass_header and request.headers.get(bypass_header):
        return "asked"
    personal = (settings.SESSION_COOKIE_NAME, *getattr(settings, "PAGE_CACHE_PERSONAL_COOKIES", ()))
    if any(name in request.COOKIES for name in personal):
        return "personal"
    allowed = set(getattr(settings, "PAGE_CACHE_QUERY_PARAMS", ()))
    if any(name not in allowed for name in request.GET):
        return "query"
    return ""


def _entry_key(request: HttpRequest) -> str:
    query = "&".join(f"{name}={value}" for name, value in _pairs(request))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "pc:entry:" + hashlib.sha256(raw.encode()).hexdigest()


def _pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return sorted((name, value) for name in request.GET for value in request.GET.getlist(name))


def _tag_key(tag: str) -> str:
    if len(tag) > 100 or not tag.isascii() or any(char.isspace() for char in tag):  # memcached-safe
        return "pc:tag:" + hashlib.sha256(tag.encode()).hexdigest()
    return "pc:tag:" + tag


def _is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return bool(
        getattr(request, _PRIVATE_ATTRIBUTE, False)
        or response.cookies
        or (user is not None and user.is_authenticated)
    )


def _response_tags(request: HttpRequest, response: HttpResponse) -> set[str] | None:
    """The tags to store ``response`` under, or None when it must not be stored."""
    tags = getattr(request, _TAGS_ATTRIBUTE, None)
    match = getattr(request, "resolver_match", None)
    if tags is None and match is not None:
        named = getattr(settings, "PAGE_CACHE_URL_NAMES", {}).get(match.view_name)
        if named is not None:
            tags = set(named)
    if tags is None or response.status_code != 200 or response.streaming:
        return None
    if _is_personal(request, response):
        return None
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return None
    return {ALL, path_tag(request.path), *tags}


def _make_public(response: HttpResponse, until_change: int | None = None) -> None:
    cache_control = response.get("Cache-Control", "")
    limit = until_change or settings.PAGE_CACHE_S_MAXAGE
    options = {"public": True, "s_maxage": min(settings.PAGE_CACHE_S_MAXAGE, limit)}
    if "max-age" not in cache_control:
        options["max_age"] = min(settings.PAGE_CACHE_MAX_AGE, limit)
    patch_cache_control(response, **options)


def _make_private(response: HttpResponse) -> None:
    for directive in ("public", "s-maxage", "max-age"):
        if directive in response.get("Cache-Control", ""):
            del response["Cache-Control"]
            break
    patch_cache_control(response, private=True, no_store=True)


def _bypass(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Answer without storing; a personal answer is marked ``private, no-store`` unless its view
    declared it public and it sets no cookie (a calendar feed opened by a logged-in person)."""
    response[HEADER] = "BYPASS"
    if _is_personal(request, response) and (
        response.cookies
        or getattr(request, _PRIVATE_ATTRIBUTE, False)
        or "public" not in response.get("Cache-Control", "")
    ):
        _make_private(response)
    return response


# --- what changes with time alone ----------------------------------------------------------------

_next_changes: list[Callable] = []
NEXT_CHANGE_KEY = "pc:next-change"
NEXT_CHANGE_CHECK_SECONDS = 60


def register_next_change(function: Callable) -> Callable:
    """Register ``function() -> datetime | None``: the next moment pages change without anyone
    saving anything (an embargo lifted, a webinar that starts or ends, a congress that ends).
    No entry is kept, nor left to a CDN, beyond the soonest such moment. Used as a decorator."""
    _next_changes.append(function)
    return function


def seconds_until_next_change(cache) -> int | None:
    """Seconds until the soonest registered change (at least 1), None when none is known. Looked up
    at most once a minute (and after each purge) by all the processes together."""
    moment = cache.get(NEXT_CHANGE_KEY)
    if moment is None:
        now = timezone.now()
        moments = [found for function in _next_changes if (found := function()) and found > now]
        moment = min(moments).timestamp() if moments else 0.0
        cache.set(NEXT_CHANGE_KEY, moment, NEXT_CHANGE_CHECK_SECONDS)
    return max(1, int(moment - time.time()) + 1) if moment else None


def _from_entry(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = "HIT"
    return response


class LocalEntries:
    """The entries this process served or stored last, kept in its memory (a bounded LRU,
    ``PAGE_CACHE_LOCAL_ENTRIES``) so that a hit asks the shared cache for the tags' versions
    only: one round trip instead of two, and no unpickling. The versions are still checked on
    every hit, so a purge holds at once in every process; an entry is never kept beyond its
    expiry in the shared cache."""

    def __init__(self):
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry["expires"] <= time.time():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 0)
        if size <= 0 or "expires" not in entry:
            return
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def discard(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


local_entries = LocalEntries()


class PageCacheMiddleware:
    """Serve anonymous public pages from the shared cache (module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return self.get_response(request)
        if _request_bypass_reason(request):
            return _bypass(request, self.get_response(request))
        cache = _cache()
        key = _entry_key(request)
        entry = local_entries.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                local_entries.put(key, entry)
        if entry is not None:
            keys = {tag: _tag_key(tag) for tag in entry["tags"]}
            current = cache.get_many(list(keys.values()))
            if all(current.get(keys[tag]) == version for tag, version in entry["tags"].items()):
                return _from_entry(entry)
            local_entries.discard(key)
        epoch = cache.get(EPOCH_KEY)
        response = self.get_response(request)
        tags = _response_tags(request, response)
        if tags is None:
            return _bypass(request, response)
        until_change = seconds_until_next_change(cache)
        _make_public(response, until_change)
        response[HEADER] = "MISS"
        keys = {tag: _tag_key(tag) for tag in tags}
        versions = _tag_versions(cache, keys.values())
        if versions.get(EPOCH_KEY) != epoch:
            return response  # a purge happened while the page was built: do not store it
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        timeout = min(settings.PAGE_CACHE_TIMEOUT, until_change or settings.PAGE_CACHE_TIMEOUT)
        entry = {
            "tags": {tag: versions.get(keys[tag]) for tag in tags},
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in _SKIP],
            "content": response.content,
            "expires": time.time() + timeout,
        }
        cache.set(key, entry, timeout)
        local_entries.put(key, entry)
        return response


def _tag_versions(cache, tag_keys) -> dict:
    """The epoch and the current version of each tag, giving a version to the tags that have
    none yet: an entry is never stored under a missing version, which an emptied cache (a
    restarted Redis) would match again while a process still keeps the entry."""
    wanted = [EPOCH_KEY, *tag_keys]
    versions = cache.get_many(wanted)
    missing = [tag_key for tag_key in tag_keys if tag_key not in versions]
    if missing:
        for tag_key in missing:
            cache.add(tag_key, time.time_ns(), None)
        versions = cache.get_many(wanted)
    return versions


# --- purges ------------------------------------------------------------------------------------


@dataclass
class Purge:
    """What to purge: pages (every URL they serve), paths (exact paths, every query string) and
    tags; ``everything`` purges every page."""

    pages: set = field(default_factory=set)  # Page instances
    paths: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    everything: bool = False

    def add(self, item) -> None:
        """A page, a path (``"/..."``) or a tag (anything else)."""
        if isinstance(item, str):
            (self.paths if item.startswith("/") else self.tags).add(item)
        elif item is not None and item.pk is not None:  # a page deleted since has no pk
            self.pages.add(item)

    def all_tags(self) -> set[str]:
        tags = {page_tag(page.pk) for page in self.pages} | {path_tag(path) for path in self.paths}
        tags |= self.tags
        return tags | {ALL} if self.everything else tags


_dependents: list[Callable] = []


def register_dependents(function: Callable) -> Callable:
    """Register ``function(page, event) -> iterable of pages, paths or tags`` that also show
    ``page``; ``event`` is "published", "unpublished", "moved" or "deleted". Used as a decorator
    by the apps (in their signals module)."""
    _dependents.append(function)
    return function


def bump(tags: Iterable[str]) -> None:
    """Make every entry stored under one of ``tags`` stale, in every process sharing the cache.
    The epoch moves first (see the module docstring)."""
    cache = _cache()
    cache.delete(NEXT_CHANGE_KEY)  # what was saved may bring a change forward (a new embargo)
    for key in [EPOCH_KEY, *(_tag_key(tag) for tag in sorted(set(tags)))]:
        try:
            cache.incr(key)
        except ValueError:  # never set, or evicted: a fresh value no entry was stored with
            cache.set(key, time.time_ns(), None)


def purge(target: Purge | Callable[[], Purge]) -> None:
    """Purge ``target`` from the page cache and the CDN once the transaction commits. A callable
    is called then: what to purge is looked up after the commit, outside the request's
    transaction and its query budget."""
    transaction.on_commit(lambda: _purge_now(_resolve(target)))


def _resolve(target: Purge | Callable[[], Purge]) -> Purge:
    if not callable(target):
        return target
    try:
        return target()
    except Exception:  # never fail the writer once committed: purge too much rather than too little
        logger.exception("Page cache: could not tell what to purge; purging every page")
        return Purge(everything=True)


def _purge_now(target: Purge) -> None:
    tags = target.all_tags()
    if not tags:
        return
    bump(tags)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            purge_frontend(target)
        except Exception:  # a CDN that does not answer must not break publishing
            logger.exception("Front-end cache purge failed")


def purge_frontend(target: Purge) -> None:
    """Ask the CDN (wagtail.contrib.frontend_cache) to purge the same pages and paths: every live
    page when everything is purged."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page, Site

    batch = PurgeBatch()
    pages = Page.objects.live() if target.everything else [page for page in target.pages if page.live]
    batch.add_pages(pages)
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in target.paths)
    batch.purge()


def purge_everything() -> None:
    purge(Purge(everything=True))


def page_event(page, event: str, *, extra: Iterable = ()) -> None:
    """Purge ``page`` and everything that shows it, for ``event`` (see register_dependents);
    looked up after the commit, except for a deletion (the page is gone by then)."""
    extra = list(extra)
    page_id = page.pk

    def target() -> Purge:
        found = Purge(tags={page_tag(page_id)})
        for item in extra:
            found.add(item)
        if page.pk is None:  # deleted in the same transaction: its deletion purged the rest
            return found
        found.add(page)
        for dependents in _dependents:
            for item in dependents(page, event) or ():
                if item is ALL:
                    found.everything = True
                else:
                    found.add(item)
        return found

    purge(_resolve(target) if event == "deleted" else target)
