"""`make run` writes to one SQLite file from two processes (the server and the task worker):
neither may fail with "database is locked", and no transaction may see a half-written state."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

WRITER = """
import sys

import django

django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, writer TEXT, seen INTEGER)")
for _ in range(int(sys.argv[2])):
    # Read, then write in the same transaction: the pattern of a publish or a task's update.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM probe")
            seen = cursor.fetchone()[0]
            cursor.execute("INSERT INTO probe (writer, seen) VALUES (%s, %s)", [sys.argv[1], seen])
"""
WRITES = 250


def test_two_processes_writing_to_one_sqlite_file_never_fail(tmp_path):
    database = tmp_path / "two-writers.sqlite3"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    environment = {
        **os.environ,
        "PYTHONPATH": str(settings.BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    # The table exists before the race starts, so that only the writes compete.
    subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, str(script), "setup", "0"], env=environment, check=True, timeout=60
    )
    writers = [
        subprocess.Popen(  # noqa: S603 (fixed arguments)
            [sys.executable, str(script), name, str(WRITES)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("server", "worker")
    ]
    results = [writer.communicate(timeout=120) for writer in writers]

    assert [writer.returncode for writer in writers] == [0, 0], [stderr for _out, stderr in results]
    with sqlite3.connect(database) as connection:
        counts = connection.execute("SELECT COUNT(*), COUNT(DISTINCT seen) FROM probe").fetchone()
        journal_mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    # Every write landed, and each transaction saw all the rows committed before it, so no two
    # saw the same count: the writers took turns instead of failing.
    assert counts == (2 * WRITES, 2 * WRITES)
    assert journal_mode == "wal"


def test_sqlite_settings_use_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['OPTIONS'])"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": str(settings.BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{Path(tmp_path) / 'dev.sqlite3'}",
    }
    output = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", code], env=environment, check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "'transaction_mode': 'IMMEDIATE'" in output
    assert "journal_mode=WAL" in output
    assert "'timeout': 20" in output
