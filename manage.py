#!/usr/bin/env python
"""Django's command-line utility for Hearth."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting missing or wrong (hearth/settings.py): say which, without a traceback.
        sys.exit(f"Hearth cannot start: {error}")


if __name__ == "__main__":
    main()
