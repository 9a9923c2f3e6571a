"""Business rules of the territories app (see ARCHITECTURE.md, "services").

- :mod:`.collectivities`: unique slugs, member communes of an EPCI or syndicat;
- :mod:`.csv_import`: the all-or-nothing, idempotent CSV import of collectivities.
"""

from .collectivities import set_member_communes, unique_collectivity_slug
from .csv_import import (
    COLUMNS,
    CollectivityImport,
    CollectivityImportError,
    import_collectivities,
)

__all__ = [
    "COLUMNS",
    "CollectivityImport",
    "CollectivityImportError",
    "import_collectivities",
    "set_member_communes",
    "unique_collectivity_slug",
]
