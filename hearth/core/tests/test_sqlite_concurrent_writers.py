"""The embedded (demo) database under concurrent saves: ten writers at once, each reading and then
writing in one transaction, as a service does. Before WAL mode, immediate transactions and a busy
timeout, about three saves in four failed with "database is locked"."""

import threading

import pytest
from django.db import connections, transaction

from hearth.settings import sqlite_database

ALIAS = "sqlite_concurrency_check"
WRITERS, SAVES_EACH = 10, 15


@pytest.fixture
def embedded_database(tmp_path, django_db_blocker):
    configured = connections.configure_settings({"default": {}, ALIAS: sqlite_database(tmp_path / "demo.sqlite3")})
    connections.settings[ALIAS] = configured[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE saves (writer INTEGER, number INTEGER)")
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections[ALIAS]  # the wrapper is cached per thread: the next test gets its own file
    del connections.settings[ALIAS]


def save_repeatedly(writer: int, failures: list[str]) -> None:
    try:
        for _ in range(SAVES_EACH):
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM saves WHERE writer = %s", [writer])
                (number,) = cursor.fetchone()
                cursor.execute("INSERT INTO saves (writer, number) VALUES (%s, %s)", [writer, number + 1])
    except Exception as error:  # noqa: BLE001 - every failure is the finding
        failures.append(f"writer {writer}: {error}")
    finally:
        connections[ALIAS].close()


def test_the_embedded_database_is_in_write_ahead_log_mode(embedded_database):
    with embedded_database.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_ten_concurrent_writers_all_save(embedded_database, django_db_blocker):
    failures: list[str] = []
    with django_db_blocker.unblock():
        threads = [threading.Thread(target=save_repeatedly, args=(n, failures)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with embedded_database.cursor() as cursor:
            cursor.execute("SELECT count(*), count(DISTINCT writer || '-' || number) FROM saves")
            saved, distinct = cursor.fetchone()
    assert failures == []
    assert saved == distinct == WRITERS * SAVES_EACH
