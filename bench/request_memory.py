"""Peak memory of a request, for the page and report benches (issue 22's target: any request
under 500 MB).

Two measures, because neither alone answers the question:
- `traced_peak`: the most Python held at once during one request, above what it held before it
  began (tracemalloc). It is the request's own, but it misses memory C libraries allocate for
  themselves (SQLite's page cache, the PDF renderer's fonts and layout in pango and harfbuzz), and
  tracing slows the request, so that request is not one of the timed runs.
- `process_peak`: the process's resident high-water mark so far (getrusage's ru_maxrss), which
  includes everything (the interpreter, Django, every library loaded, the C libraries' memory). It
  only ever rises, so read after each page it says whether that page raised it, and at the end it
  bounds every request's peak from above.
"""

import resource
import tracemalloc


def traced_peak(request, *args) -> float:
    """MB: the most Python allocated at once while `request(*args)` ran, above what was held before it."""
    tracemalloc.start()
    try:
        request(*args)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def process_peak() -> float:
    """MB: this process's resident high-water mark so far (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
