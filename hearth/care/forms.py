"""Forms for looked-after children and care leavers (GOV.UK components; errors from the services)."""
