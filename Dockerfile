# Hearth's container image, for a council's IT (docs/operations.md, "The container image").
# Build:  docker build -t hearth .
# Run:    compose.yaml (with PostgreSQL 16), or your own orchestration with the same environment.
# Not built on the machine Hearth is developed on (it has no container engine running): the test
# hearth/core/tests/test_deploy_files.py checks what can be checked without one.
FROM python:3.11-slim-bookworm

# WeasyPrint (the PDFs) needs Pango and its fonts from the OS; nothing else is compiled
# (psycopg comes as a binary wheel).
RUN apt-get update \
 && apt-get install --yes --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements/base.txt requirements/constraints.txt requirements/
RUN pip install -r requirements/base.txt -c requirements/constraints.txt

COPY manage.py ./
COPY deploy/ deploy/
COPY hearth/ hearth/

# Static files collected into the image (WhiteNoise serves them from var/static). The build-time
# key only lets settings load for collectstatic; it is not in the image's environment afterwards.
RUN HEARTH_SECRET_KEY=collectstatic-only-not-a-secret-collectstatic-only-not-a-secret \
    python manage.py collectstatic --noinput --verbosity 0

# A user of its own that owns nothing but the documents folder (uploaded files: mount a volume).
RUN useradd --system --uid 10001 --home-dir /app --no-create-home hearth \
 && mkdir -p /app/var/documents \
 && chown -R hearth /app/var/documents
USER hearth

ENV HEARTH_PRODUCTION=1 \
    HEARTH_BIND=0.0.0.0:8000 \
    HEARTH_DOCUMENTS_ROOT=/app/var/documents
EXPOSE 8000
VOLUME ["/app/var/documents"]

# /health answers without touching the database, over plain HTTP (settings: SECURE_REDIRECT_EXEMPT),
# asked for with the first of HEARTH_ALLOWED_HOSTS as its Host (any other host name is refused).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request as u; host = os.environ.get('HEARTH_ALLOWED_HOSTS', 'localhost').split(',')[0].lstrip('.'); sys.exit(u.urlopen(u.Request('http://127.0.0.1:8000/health', headers={'Host': host}), timeout=4).status != 200)"]

CMD ["gunicorn", "--config", "/app/deploy/gunicorn.conf.py"]
