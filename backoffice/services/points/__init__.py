"""Points desk (點數帳戶): the append-only ledger of grants, lots and budget, the lapse/expiry sweep,
and the accounts screen's queries. Applies RULES.md §1 (integers), §3 (parameters) and §6 (grants,
lots, lapse, expiry, budget)."""
