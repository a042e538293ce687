"""Ofsted's Annex A: the lists an inspection of children's services (ILACS) asks for, built from the
record for a period, one workbook sheet per list (docs/annex-a.md)."""
