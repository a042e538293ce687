"""Test helpers shared by every app's tests: staff and journeys built by calling the real services."""
