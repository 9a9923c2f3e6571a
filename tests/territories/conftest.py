import pytest

from territories import demo
from territories.models import Department
from tests.datasets import dataset


@dataset("territories_demo")
def load_territories_demo() -> dict[str, int]:
    return demo.load(lambda message: None)


@pytest.fixture
def territories_demo(shared_data) -> dict[str, int]:
    """The territories demo (real and fictional collectivities), shared; returns its counts."""
    return shared_data.use("territories_demo")


@pytest.fixture
def reference(db):
    """The 18 régions and 101 départements."""
    demo.load_reference()


@pytest.fixture
def department(reference):
    """Lot-et-Garonne (47), in Nouvelle-Aquitaine (75)."""
    return Department.objects.select_related("region").get(code="47")
