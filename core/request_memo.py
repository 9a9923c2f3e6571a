"""What a request looks up once: the locale of a language, and the fragment cache's version
(``core.fragment_cache.version``).

Wagtail asks the database for the active locale wherever it needs it (routing through
``Page.localized``, ``Locale.get_active()`` in querysets and template tags): four times or more
per page. During a request, the locale of a language is now found once and remembered until
the request ends (Django's ``request_started`` and ``request_finished`` signals); it is found in
the fragment cache (``core.fragment_cache``), which forgets it when a locale changes. Outside a
request (commands, tasks, tests calling code directly) nothing is remembered, as before.

Only locales that exist are remembered: a language with no locale still raises
``Locale.DoesNotExist`` each time, as Wagtail does.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from wagtail.models.i18n import LocaleManager

_memo: ContextVar[dict | None] = ContextVar("core_request_memo", default=None)
_original_get_for_language = LocaleManager.get_for_language


def _get_for_language(manager: LocaleManager, language_code: str):
    memo = _memo.get()
    if memo is None or manager.model._meta.label != "wagtailcore.Locale":
        return _original_get_for_language(manager, language_code)
    locale = memo.get(language_code)
    if locale is None:
        locale = memo[language_code] = _shared_locale(manager, language_code)
    return locale


def _shared_locale(manager: LocaleManager, language_code: str):
    """The locale as the fragment cache keeps it (until a locale is saved or deleted), so that a
    warm process asks the database for it only after a change."""
    from core.fragment_cache import cached_value

    return cached_value(f"locale:{language_code}", lambda: _original_get_for_language(manager, language_code))


def memo() -> dict | None:
    """What this request remembers (the locales by language code, and what other core modules
    put there under their own dotted keys); None outside a request."""
    return _memo.get()


def start(**kwargs) -> None:
    """A request starts: an empty memo."""
    _memo.set({})


def finish(**kwargs) -> None:
    """The request ended: forget what it looked up."""
    _memo.set(None)


def install() -> None:
    """Called once from ``CoreConfig.ready``."""
    LocaleManager.get_for_language = _get_for_language
    request_started.connect(start, dispatch_uid="core.request_memo.start")
    request_finished.connect(finish, dispatch_uid="core.request_memo.finish")
