"""Hearth: case records and performance management for children's social care."""
