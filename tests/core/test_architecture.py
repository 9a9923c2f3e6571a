"""The layers of ARCHITECTURE.md: import-linter checks module imports in `make test`; this test
checks what import-linter cannot see, the names: no app imports another app's private name."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PROJECT_APPS = ["core", "territories", "label", "members", "editorial", "home", "search", "config", "bench"]


def python_files():
    for app in PROJECT_APPS:
        yield from (path for path in (BASE_DIR / app).rglob("*.py") if "migrations" not in path.parts)
    yield from (BASE_DIR / "tests").rglob("*.py")


def foreign_private_imports(path: Path) -> list[str]:
    """``from <app>... import _name`` (or ``import <app>._module``) where <app> is not the
    app (or test folder) that holds ``path``."""
    relative = path.relative_to(BASE_DIR)
    in_tests = relative.parts[0] == "tests" and len(relative.parts) > 2
    owner = relative.parts[1] if in_tests else relative.parts[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            app = node.module.split(".")[0]
            if app not in PROJECT_APPS or app == owner:
                continue
            private = [alias.name for alias in node.names if alias.name.startswith("_")]
            private += [part for part in node.module.split(".")[1:] if part.startswith("_")]
            found += [f"{relative}:{node.lineno} {node.module}.{name}" for name in private]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in PROJECT_APPS and parts[0] != owner and any(p.startswith("_") for p in parts):
                    found.append(f"{relative}:{node.lineno} {alias.name}")
    return found


def test_no_app_imports_another_apps_private_names():
    offenders = [line for path in python_files() for line in foreign_private_imports(path)]
    assert offenders == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from territories.services.csv_import import _decode\n", 1),
        ("from territories.models import Collectivity\n", 0),
        ("import territories._private\n", 1),
    ],
)
def test_the_private_name_check_finds_what_it_looks_for(tmp_path, monkeypatch, source, expected):
    module = BASE_DIR / "label" / "probe_for_architecture_test.py"
    monkeypatch.setattr(Path, "read_text", lambda self, *args, **kwargs: source)
    assert len(foreign_private_imports(module)) == expected
