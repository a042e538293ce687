from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """The statutory returns (SSDA903 now; the CIN census and Annex A later): each a view of the record,
    exported in the DfE's formats and checked with the DfE's own validators. It reads every area's
    facts, so it sits at the top of the layers."""

    name = "hearth.returns"
    label = "returns"
    verbose_name = "Statutory returns"
