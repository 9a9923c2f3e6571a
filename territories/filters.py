"""Admin filters on collectivities, shared by every listing of rows that belong to one
(collectivities themselves, memberships, and what later apps attach to a collectivity)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .models import Category, Collectivity, Region


def collectivity_filterset(prefix: str = "") -> type[WagtailFilterSet]:
    """A filter set base class with the region, label category and population filters.

    ``prefix`` is the lookup path from the listed model to its collectivity, ending in ``__``
    (``"collectivity__"`` for a model with a ``collectivity`` foreign key, ``""`` for
    collectivities). Subclass it and add the listing's own filters and ``Meta``.
    """

    class CollectivityFilters(WagtailFilterSet):
        region = django_filters.ModelChoiceFilter(
            label=_("Région"), queryset=Region.objects.all(), field_name=f"{prefix}region"
        )
        category = django_filters.ChoiceFilter(
            label=_("Catégorie du label"),
            choices=Category.choices,
            method="filter_category",
            empty_label=_("Toutes"),
        )
        population_min = django_filters.NumberFilter(
            field_name=f"{prefix}population", lookup_expr="gte", label=_("Population minimale")
        )
        population_max = django_filters.NumberFilter(
            field_name=f"{prefix}population", lookup_expr="lte", label=_("Population maximale")
        )

        def filter_category(self, queryset, name, value):
            if not value:
                return queryset
            if not prefix:
                return queryset.of_category(value)
            return queryset.filter(**{f"{prefix}in": Collectivity.objects.of_category(value)})

    return CollectivityFilters
