"""Business rules of the action sheets (see ARCHITECTURE.md, "services").

- :mod:`.referentiel`: load the référentiel from a data file;
- :mod:`.sheets`: who may edit a collectivity's sheets; create, update, publish, moderate;
- :mod:`.images`: the images of a sheet (checked type and size, alternative text);
- :mod:`.imports`: the CSV/JSON import of sheets (core.csv_import);
- :mod:`.exports`: the open data of the catalogue (CSV, JSON);
- :mod:`.figures`: the sheets each edition's laureates published.
"""

from .sheets import (
    EDITABLE_FIELDS,
    belongs_to,
    can_edit,
    create_sheet,
    delete_sheet,
    moderate,
    require_editor,
    update_sheet,
)

__all__ = [
    "EDITABLE_FIELDS",
    "belongs_to",
    "can_edit",
    "create_sheet",
    "delete_sheet",
    "moderate",
    "require_editor",
    "update_sheet",
]
