"""The territories app's data files: the Code officiel géographique's régions and départements,
and the real collectivities the project's seed documents name (semicolon-separated CSV)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of ``name`` (a file of this folder), as dicts keyed by its header."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))
