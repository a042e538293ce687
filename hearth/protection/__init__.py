"""Strategy discussions, section 47 enquiries, child protection conferences and plans, core groups, conference
quality checklists and escalations.
"""
