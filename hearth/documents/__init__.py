"""Letters, reports and plans uploaded against a child, stored safely and served only to those who may see the
child.
"""
