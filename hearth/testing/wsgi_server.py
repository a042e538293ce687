"""Serve Hearth's WSGI application, configured by the environment as on a council's server, on a
free port of 127.0.0.1, and print the port. For tests that run the production settings in a
process of their own: `python -m hearth.testing.wsgi_server`."""

from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    from hearth.wsgi import application

    with make_server("127.0.0.1", 0, application, handler_class=QuietHandler) as server:
        print(server.server_port, flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
