"""Middleware of Hearth's own that every page passes through."""

from django.utils.cache import add_never_cache_headers

from hearth.core.request_memo import request_memo


class NoStoreForSignedInMiddleware:
    """Nothing shown to a signed-in person is kept by a browser's or a proxy's cache: a child's page,
    a chronology, a worklist or an export left in a shared computer's cache is a disclosure.
    Every response to a signed-in person gets `Cache-Control: no-store` (with Django's never-cache
    set: max-age=0, no-cache, no-store, must-revalidate, private). Static files are served before
    this middleware (WhiteNoise) and stay cacheable; a view that sets its own Cache-Control keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class RequestMemoMiddleware:
    """Opens hearth.core.request_memo's block around each request: a read a page makes many times
    (the working calendar, whether the user may see the child) is made once, until the request
    writes something."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo():
            return self.get_response(request)
