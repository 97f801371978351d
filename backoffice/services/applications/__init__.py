"""Applications desk (申請案件): the queue, claims, the review of 附表1/附表2/附表3, desk card checks,
card-signed decisions and saved filters. Applies RULES.md §4 (types and identity), §5 (eligibility),
§6 (the grant on approval, through the points desk) and §2 (working-day deadlines)."""
