"""Orders desk (訂單): orders with their deadlines in working days, breaches and holds on points.
Applies RULES.md §7 (orders, co-payment, deadlines) with the office calendar of §2."""
