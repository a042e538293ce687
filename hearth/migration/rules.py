"""Who may import past returns: the council's system administrators (superusers) only. An import
creates children and their whole history through every area's services, so it belongs to no
worker's role (README's role table)."""

import rules

rules.add_perm("migration.import_returns", rules.is_superuser)
