"""Finance desk screens (請撥核銷). Empty until the finance desk lands (RULES.md §9)."""
