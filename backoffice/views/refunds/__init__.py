"""Refunds desk screens (退訂退款, RULES.md §8): the case list, a case, its dialogs and timeline."""
