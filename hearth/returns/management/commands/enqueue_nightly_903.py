"""The nightly run of the SSDA903 alone (`enqueue_nightly_returns` with the 903 only), kept for the
timers set up before the census joined the returns; a new timer runs `enqueue_nightly_returns`, which
asks for every return (docs/operations.md, "Background work")."""

from hearth.returns.management.commands.enqueue_nightly_returns import Command as NightlyReturns
from hearth.returns.models import ReturnName


class Command(NightlyReturns):
    help = "Ask for the nightly run of the SSDA903 return (the current collection year, or the years given)"
    default_returns = (ReturnName.SSDA903,)
