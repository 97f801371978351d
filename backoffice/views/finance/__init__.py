"""Finance desk screens (請撥核銷, RULES.md §9): claims, payment batches, the 95A year."""
