"""Orders desk screens (訂單): the orders list with deadlines, breaches and the Excel export."""
