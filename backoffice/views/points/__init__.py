"""Points desk screens (點數帳戶): the accounts list with each grant's lots and ledger."""
