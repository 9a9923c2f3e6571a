"""Forms of the editorial app: the news filters (public, GET)."""

from __future__ import annotations

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from .models.news import ArticlePageQuerySet, NewsCategory

# The years an article may be filtered by: anything else in ``?annee=`` is unknown.
MIN_YEAR, MAX_YEAR = 1901, 2999


class SlugChoiceField(forms.ModelChoiceField):
    """An object chosen by the slug in the query string; spaces around it are ignored."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)

    def to_python(self, value):
        return super().to_python(value.strip() if isinstance(value, str) else value)


class NewsFilterForm(forms.Form):
    """The filters of a news index, read from its query string (``?categorie=``, ``?tag=``,
    ``?annee=``), all optional and combinable.

    A value that names nothing (a category of another language, a tag no one uses, a year
    that is not one) makes the form invalid: the index then lists no article and says that a
    filter is unknown, rather than quietly showing everything.
    """

    categorie = SlugChoiceField(NewsCategory.objects.none(), label=_("Catégorie"))
    tag = SlugChoiceField(Tag.objects.all(), label=_("Mot-clé"))
    annee = forms.IntegerField(label=_("Année"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, data, *, locale: Locale):
        super().__init__(data)
        self.fields["categorie"].queryset = NewsCategory.objects.filter(locale=locale)

    @property
    def active(self) -> bool:
        """True if the query string gives any filter, known or not."""
        return any(str(self.data.get(name, "")).strip() for name in self.fields)

    @cached_property
    def chosen(self) -> dict:
        """The recognised filters: {"categorie": NewsCategory, "tag": Tag, "annee": int}."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value is not None}

    @property
    def unknown(self) -> list[str]:
        """The names of the filters whose value names nothing."""
        return list(self.errors)

    def filter(self, articles: ArticlePageQuerySet) -> ArticlePageQuerySet:
        """``articles`` narrowed by the chosen filters; none at all if a filter is unknown."""
        if not self.is_valid():
            return articles.none()
        chosen = self.chosen
        if "categorie" in chosen:
            articles = articles.in_category(chosen["categorie"])
        if "tag" in chosen:
            articles = articles.tagged(chosen["tag"])
        if "annee" in chosen:
            articles = articles.of_year(chosen["annee"])
        return articles
