"""Middleware of the core layer."""

from hearth.core.request_memo import request_memo


class RequestMemoMiddleware:
    """Opens hearth.core.request_memo's block around each request: a read a page makes many times
    (the working calendar, whether the user may see the child) is made once, until the request
    writes something."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_memo():
            return self.get_response(request)
