import rules

from hearth.cin.rules import works_the_case

rules.add_perm("visits.record_visit", works_the_case | rules.is_superuser)
