"""Reads for looked-after children and care leavers."""
