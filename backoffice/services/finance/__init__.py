"""Finance desk (請撥核銷): settlement claims, payment batches, 95A withholding statements, and
the Excel exports. Applies RULES.md §9 (settlement, 95A) and §1 (integer money)."""
