"""Demo congress editions (Saint-Raphaël 2025, Agen 2026), in French and English.

The pages are data (``editorial/demo/congress.yaml``, read by ``core.demo``): facts from the
seeds in ../shared/seeds/ (press kit 2025, press releases 2026), every sentence written for
this project. Idempotent. Needs "Le Congrès" of home.demo (run it first).
"""

from pathlib import Path

from django.db import transaction

from core.demo import Log, load_page_tree
from editorial.models import CongressPage

CONGRESS = Path(__file__).parent / "demo" / "congress.yaml"


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Create the two congress editions under "Le Congrès" and their English translations."""
    load_page_tree(CONGRESS, log)
    return {"éditions du Congrès": CongressPage.objects.count()}
