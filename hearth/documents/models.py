"""The facts of this area, with their database constraints."""
