"""Site search at /recherche/: live public pages of the active language, and collectivities.

The pages go through Wagtail's search backend (the database backend; on PostgreSQL it uses
French stemming, see WAGTAILSEARCH_BACKENDS in settings), the collectivities through
``CollectivityQuerySet.search`` (name or INSEE code). Both lists are shown as one paginated
list, pages first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from core.models.pages import introductions
from label.models import PalmaresPage, collectivity_history_urls
from members.access import visible_pages
from territories.models import Collectivity

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
#: A word for the full-text backend: letters and digits of any script, nothing else.
_WORD = re.compile(r"[^\W_]+")
#: Operators of SQLite's FTS5 that a visitor may type in capitals; searched as words they
#: would make the whole query fail to match.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(frozen=True)
class CleanQuery:
    text: str  # what is searched, "" for nothing
    notice: str = ""  # why the query was changed or refused, for the visitor


def clean_query(raw: str) -> CleanQuery:
    """Normalise what the visitor typed: control characters out, spaces collapsed,
    at most MAX_QUERY_LENGTH characters, and at least one letter or digit."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())
    notice = ""
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rstrip()
        notice = _(
            "Votre recherche était très longue : seuls ses %(count)d premiers caractères "
            "ont été pris en compte."
        ) % {"count": MAX_QUERY_LENGTH}
    if text and not any(character.isalnum() for character in text):
        return CleanQuery(
            "", _("Votre recherche ne contient ni lettre ni chiffre : saisissez au moins un mot.")
        )
    return CleanQuery(text, notice)


def full_text_terms(text: str) -> str:
    """The words of a cleaned query, as the full-text backend gets them.

    Quotes, ``*``, ``^``, ``:``, parentheses, ``-``… are syntax to SQLite's FTS5 and to
    PostgreSQL's tsquery, and a stray one is an error there (a 500): only the words go to
    the backend, which searches for all of them. "" when no word is left.
    """
    return " ".join(word for word in _WORD.findall(text) if word not in _OPERATORS)


class ChainedResults(Sequence):
    """Several result sets (a Wagtail search, a QuerySet) seen as one list by the Paginator.

    Each part is counted once and only the slice shown is fetched.
    """

    def __init__(self, *parts) -> None:
        self.parts = parts
        self._counts: list[int] | None = None

    @property
    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, _step = index.indices(len(self))
        items: list = []
        offset = 0
        for part, count in zip(self.parts, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                items.extend(part[low:high])
            offset += count
        return items


@dataclass
class Result:
    kind: str  # "page" or "collectivity"
    title: str
    url: str
    type_label: str
    summary: str


def _page_results(pages: list[Page], request: HttpRequest) -> list[Result]:
    """Search results for a page of Wagtail pages: their titles, URLs and types from the pages
    found, their introductions in one more query."""
    summaries = introductions(pages)
    results = []
    for page in pages:
        results.append(
            Result(
                kind="page",
                title=page.title,
                url=page.get_url(request) or "",
                type_label=str(page.specific_class._meta.verbose_name).capitalize()
                if page.specific_class
                else "",
                summary=page.search_description or summaries.get(page.pk) or "",
            )
        )
    return results


def _collectivity_result(collectivity: Collectivity, history_url) -> Result:
    details = [collectivity.get_kind_display()]
    if collectivity.department_id:
        details.append(f"{collectivity.department.name} ({collectivity.department.code})")
    if collectivity.insee_code:
        details.append(_("code INSEE %(code)s") % {"code": collectivity.insee_code})
    return Result(
        kind="collectivity",
        title=collectivity.name,
        url=history_url(collectivity),
        type_label=_("Collectivité"),
        summary=" · ".join(details),
    )


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    context: dict = {"query": query.text, "notice": query.notice, "results": None, "paginator_page": None}
    if query.text:
        pages = visible_pages(Page.objects.live().public().filter(locale=Locale.get_active()), request.user)
        # A palmarès whose results are under embargo is not found (label's one embargo rule).
        pages = pages.exclude(id__in=PalmaresPage.objects.embargoed().values("id"))
        terms = full_text_terms(query.text)
        pages = pages.search(terms) if terms else pages.none()
        collectivities = Collectivity.objects.search(query.text).select_related("department")
        paginator = Paginator(ChainedResults(pages, collectivities), RESULTS_PER_PAGE)
        try:
            paginator_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            paginator_page = paginator.page(1)
        except EmptyPage:
            paginator_page = paginator.page(paginator.num_pages)
        found_pages = [item for item in paginator_page.object_list if isinstance(item, Page)]
        page_results = iter(_page_results(found_pages, request))
        history_url = collectivity_history_urls(request)
        context["results"] = [
            next(page_results) if isinstance(item, Page) else _collectivity_result(item, history_url)
            for item in paginator_page.object_list
        ]
        context["paginator_page"] = paginator_page
        context["total"] = paginator.count
    return TemplateResponse(request, "search/search.html", context)
