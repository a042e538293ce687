"""Gunicorn, Hearth's production server (docs/operations.md, "The production server").

Start it from Hearth's folder: `gunicorn --config deploy/gunicorn.conf.py` (the container image does);
every value can be changed by an
environment variable, so the container image and a council's own server use the same file.

HEARTH_BIND           address and port to listen on (the container: 0.0.0.0:8000)   127.0.0.1:8000
HEARTH_WEB_WORKERS    worker processes                                              2 x cores + 1
HEARTH_WEB_THREADS    threads in each worker                                        2
HEARTH_WEB_TIMEOUT    seconds a request may take before its worker is restarted    60
HEARTH_WEB_KEEPALIVE  seconds an idle connection is kept open (past the proxy's)    75
HEARTH_PROXY_ADDRESSES  addresses whose X-Forwarded-Proto gunicorn believes, when
                      HEARTH_BEHIND_TLS_PROXY=1 (comma-separated IPs or networks)   *
"""

import os


def _flag(name: str) -> bool:
    # The same reading as hearth/settings.py env_flag: "1", "true", "yes", "on" turn it on.
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a container's share)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "hearth.wsgi:application"
bind = [os.environ.get("HEARTH_BIND", "127.0.0.1:8000")]

# Hearth's pages are Python-bound (the ORM and templates), so a worker per core is the floor; the
# extra ones keep the server answering while one builds a long report. On 2 cores: 5 workers of 2
# threads, about 80-115 MB each (measured under the load test). Threads overlap waiting on
# PostgreSQL within a worker.
workers = int(os.environ.get("HEARTH_WEB_WORKERS", 2 * _cores() + 1))
worker_class = "gthread"
threads = int(os.environ.get("HEARTH_WEB_THREADS", "2"))

# A council's proxy commonly gives up after 60 s (nginx's proxy_read_timeout): a request still
# running then is answered by nobody, so its worker is restarted rather than left to finish.
timeout = int(os.environ.get("HEARTH_WEB_TIMEOUT", "60"))
graceful_timeout = 30  # a restart or deploy lets requests in flight finish for this long
# Seconds an idle connection is kept open: longer than the proxy's own idle limit for connections to
# the server (nginx's upstream keepalive_timeout, 60 s), so the proxy closes them, never gunicorn
# just as the proxy sends a request down one (a race that resets the request). The load test saw
# it at 5 s: its users wait 5-15 s between pages, as people do.
keepalive = int(os.environ.get("HEARTH_WEB_KEEPALIVE", "75"))

# A worker is replaced after this many requests (staggered), so no slow growth of memory lasts.
max_requests = 1000
max_requests_jitter = 100

# The worker heartbeat file lives in memory where there is /dev/shm (containers: a disk-backed
# /tmp can stall the heartbeat and get healthy workers killed).
SHARED_MEMORY = "/dev/shm"  # noqa: S108 (a directory gunicorn writes one heartbeat file in, mode 0600)
if os.path.isdir(SHARED_MEMORY):
    worker_tmp_dir = SHARED_MEMORY

# Access log to standard output, one line a request: client, time, method, the PATH ONLY, status,
# bytes, milliseconds. Never the query string (a search for a child's name or date of birth is in
# it: /children/?q=...), never the Referer (which carries the previous page's query string) nor the
# user agent.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
loglevel = os.environ.get("HEARTH_LOG_LEVEL", "warning").lower()

# Behind the council's TLS proxy (HEARTH_BEHIND_TLS_PROXY=1) gunicorn, like Django
# (SECURE_PROXY_SSL_HEADER), believes X-Forwarded-Proto: https, and only that header, the one the
# proxy is told to set and replace (docs/operations.md, "Behind the council's TLS proxy"). Without
# it gunicorn believes no forwarded header from anyone: gunicorn's default would trust three such
# headers from 127.0.0.1, so a browser's X-Forwarded-Ssl passed on by a proxy on the same machine
# would make a plain-HTTP request look secure.
BEHIND_TLS_PROXY = _flag("HEARTH_BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    forwarded_allow_ips = os.environ.get("HEARTH_PROXY_ADDRESSES", "*")
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    forwarded_allow_ips = "127.0.0.1"  # moot: no secure scheme header is believed from anyone
    secure_scheme_headers = {}

# No runtime control socket (gunicorn 25.1+): nothing manages Hearth's server through one.
control_socket_disable = True
