"""Children in need plans and their reviews."""
