"""Say in one line, before the tests, whether the PostgreSQL server in DATABASE_URL answers."""

import os
import sys

import dj_database_url
import psycopg

url = os.environ.get("DATABASE_URL", "")
config = dj_database_url.parse(url)
try:
    psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg.Error as error:
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    sys.exit(
        f"No PostgreSQL answers at {url} ({first_line}). Start one, or point the tests at one: "
        "make test DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/"
    )
