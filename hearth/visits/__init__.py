"""Statutory visits to children, whether they were seen (and seen alone), and the child's voice."""
