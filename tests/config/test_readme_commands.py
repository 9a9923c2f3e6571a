"""Every command README shows in a ```bash, ```sh or ```console block runs as written, on a
fresh demo database, except the ones listed in EXCLUDED (servers that run until stopped, and
the test suite itself).

The commands run in a copy of the project (README's commands write files: catalogues, static
files, the SQLite database) whose ``.venv`` points to this virtualenv's contents, with
``DATABASE_URL`` naming a temporary SQLite file. Slow: it loads the whole demo first, as
``make run`` does.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(bash|sh|console)[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)

#: Commands not run, by how they start (after any VAR=value prefix), and why.
EXCLUDED = {
    "make run": "serves the site until stopped",
    "make test": "the test suite, this test included",
    "make bench": "a load test of several minutes over gunicorn",
    "python manage.py runserver": "serves the site until stopped",
    "python manage.py db_worker": "the task worker, runs until stopped",
    ".venv/bin/python manage.py db_worker": "the task worker, runs until stopped",
    "gunicorn": "the production server, runs until stopped",
    "pip install": "installs the requirements from the network; this virtualenv has them",
}

#: What the test gives the variables an ``export`` line of README sets with placeholders.
EXPORTED = {
    "DJANGO_SETTINGS_MODULE": lambda db: "config.settings.production",
    "SECRET_KEY": lambda db: secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": lambda db: "www.villes-internet.example",
    "DATABASE_URL": lambda db: f"sqlite:///{db}",
    "REDIS_URL": lambda db: "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": lambda db: "https://www.villes-internet.example",
}

#: What a command must print, when README says so in its comment.
EXPECTED_OUTPUT = {"python manage.py check --deploy": "no issues"}


#: Not copied when the project is not a git checkout (what .gitignore leaves out).
NOT_COPIED = (
    ".git",
    ".venv",
    "media",
    "static",
    "db.sqlite3*",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
)


def readme_commands(text: str) -> list[list[str]]:
    """The commands of each shell block of ``text``, in order: continuation lines joined,
    blank lines and ``$ `` prompts dropped (a console block's output lines too)."""
    blocks = []
    for language, body in BLOCK.findall(text):
        commands: list[str] = []
        pending = ""
        for line in body.splitlines():
            if language == "console":
                if not line.startswith("$ ") and not pending:
                    continue  # output shown in the block
                line = line.removeprefix("$ ")
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1].strip() + " "
                continue
            command = (pending + line.strip()).strip()
            pending = ""
            if command and not command.startswith("#"):
                commands.append(command)
        blocks.append(commands)
    return blocks


def program(command: str) -> str:
    """The command without its ``VAR=value`` prefixes and its comment."""
    words = shlex.split(command, comments=True)
    while words and re.match(r"^[A-Z_]+=", words[0]):
        words.pop(0)
    return " ".join(words)


def exclusion(command: str) -> str | None:
    started = program(command)
    for start, reason in EXCLUDED.items():
        if started == start or started.startswith(start + " "):
            return reason
    return None


def test_the_readme_is_read_as_a_reader_would():
    text = (
        "```sh\nmake run    # serve\nDATABASE_URL=x make test\n```\n\n```python\nprint(1)\n```\n"
        "```console\n$ .venv/bin/python manage.py demo_totp\n123456\n```\n"
        "```bash\nexport A=1 \\\n  B=2\n```\n"
    )
    assert readme_commands(text) == [
        ["make run    # serve", "DATABASE_URL=x make test"],
        [".venv/bin/python manage.py demo_totp"],
        ["export A=1 B=2"],
    ]
    assert exclusion("make run    # serve") and exclusion("DATABASE_URL=x make test")
    assert exclusion('make test PYTEST_ARGS="tests/home -x"')
    assert exclusion(".venv/bin/python manage.py demo_totp") is None
    assert exclusion("make messages") is None


def project_copy(destination: Path) -> Path:
    """The project's files (tracked and new, not ignored) copied to ``destination``, with a
    ``.venv`` made of links to this virtualenv's contents and its own "installed" marks, so
    that make does not reinstall the requirements."""
    if not (ROOT / ".git").exists():
        shutil.copytree(ROOT, destination, symlinks=True, ignore=shutil.ignore_patterns(*NOT_COPIED))
        return with_venv(destination)
    listed = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("git"), "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return with_venv(destination)


def with_venv(destination: Path) -> Path:
    venv = Path(sys.prefix)
    (destination / ".venv").mkdir()
    for entry in venv.iterdir():
        if not entry.name.startswith(".installed"):
            (destination / ".venv" / entry.name).symlink_to(entry)
    for mark in (".installed", ".installed-dev"):
        (destination / ".venv" / mark).touch()
    return destination


def run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (README's commands, the point of the test)
        [shutil.which("bash"), "-c", f"set -e\n{command}"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make")
def test_every_readme_command_runs_as_written(tmp_path):
    project = project_copy(tmp_path / "projet")
    database = tmp_path / "readme.sqlite3"
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST"}
    }
    base_env["PATH"] = f"{project / '.venv' / 'bin'}{os.pathsep}{base_env.get('PATH', '')}"
    base_env["DATABASE_URL"] = f"sqlite:///{database}"

    # A fresh demo database, as `make run` builds it.
    for setup in ("make demo",):
        done = run(setup, project, base_env)
        assert done.returncode == 0, f"{setup}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"

    blocks = readme_commands(README.read_text(encoding="utf-8"))
    ran, failures = [], []
    for commands in blocks:
        env = dict(base_env)
        for command in commands:
            if exclusion(command):
                continue
            if command.startswith("export "):
                for assignment in shlex.split(command)[1:]:
                    name = assignment.split("=", 1)[0]
                    assert name in EXPORTED, f"README exports {name}: give the test a value for it"
                    env[name] = EXPORTED[name](database)
                continue
            done = run(command, project, env)
            ran.append(command)
            output = done.stdout + done.stderr
            expected = EXPECTED_OUTPUT.get(program(command))
            if done.returncode != 0 or (expected and expected not in output):
                failures.append(f"$ {command}\n(exit {done.returncode})\n{output[-2000:]}")
    assert len(ran) >= 8, ran
    assert failures == [], "\n\n".join(failures)
