"""Refunds desk (退訂退款): terminations, the 14-day confirmation window, disputes, officers'
resolutions and supervisors' card-signed approval and posting. Applies RULES.md §8.
Empty until the refunds desk lands."""
