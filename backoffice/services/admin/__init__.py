"""Shared administration (系統管理): officers and their roles, the office calendar, the e-mail
outbox, record counts and demo data. Applies RULES.md §2 (office calendar) and §5.9 (personal data)."""
