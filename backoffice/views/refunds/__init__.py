"""Refunds desk screens (退訂退款). Empty until the refunds desk lands (RULES.md §8)."""
