"""The label "Territoires, Villes et Villages Internet": editions, labellisations, distinctions
(:mod:`.editions`) and the public palmarès pages (:mod:`.pages`)."""

from .editions import (
    MAX_AROBASES,
    MENTION_KINDS,
    MIN_AROBASES,
    Distinction,
    DistinctionKind,
    LabelEdition,
    LabelEditionQuerySet,
    Labellisation,
    LabellisationQuerySet,
    category_case,
    public_condition,
)
from .pages import (
    COLLECTIVITY_SECTIONS_HOOK,
    PalmaresIndexPage,
    PalmaresPage,
    PalmaresPageQuerySet,
    collectivity_history_url,
    collectivity_history_urls,
)

__all__ = [
    "COLLECTIVITY_SECTIONS_HOOK",
    "MAX_AROBASES",
    "MENTION_KINDS",
    "MIN_AROBASES",
    "Distinction",
    "DistinctionKind",
    "LabelEdition",
    "LabelEditionQuerySet",
    "Labellisation",
    "LabellisationQuerySet",
    "PalmaresIndexPage",
    "PalmaresPage",
    "PalmaresPageQuerySet",
    "category_case",
    "public_condition",
    "collectivity_history_url",
    "collectivity_history_urls",
]
