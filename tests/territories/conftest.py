import pytest

from territories import demo
from territories.models import Department


@pytest.fixture
def reference(db):
    """The 18 régions and 101 départements."""
    demo.load_reference()


@pytest.fixture
def department(reference):
    """Lot-et-Garonne (47), in Nouvelle-Aquitaine (75)."""
    return Department.objects.select_related("region").get(code="47")
