from .pages import ActionCatalogPage, catalogue_page
from .referentiel import FIRST_YEAR, Enjeu, Family, Service, ServiceQuerySet
from .reports import CollectivityReport, ReportPdf, ReportRun
from .sheets import (
    POPULATION_BANDS,
    ActionSheet,
    ActionSheetQuerySet,
    BudgetBand,
    SheetStatus,
    population_band_condition,
    population_band_of,
    reference_date,
)

__all__ = [
    "CollectivityReport",
    "ReportPdf",
    "ReportRun",
    "ActionCatalogPage",
    "catalogue_page",
    "FIRST_YEAR",
    "POPULATION_BANDS",
    "ActionSheet",
    "ActionSheetQuerySet",
    "BudgetBand",
    "Enjeu",
    "Family",
    "Service",
    "ServiceQuerySet",
    "SheetStatus",
    "population_band_condition",
    "population_band_of",
    "reference_date",
]
