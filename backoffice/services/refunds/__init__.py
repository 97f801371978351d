"""Refunds desk (退訂退款): terminations, the 14-day confirmation window, disputes, officers'
resolutions and supervisors' card-signed approval and posting. Applies RULES.md §8.

- ``workflow``: the state machine and its transitions (escalate, resolve, submit, approve, return)
- ``posting``: what an approval books (return lot or forfeit, order's claimable points, e-mails)
- ``signed``: the signed payload and ``verify_case``
- ``queries``: the queue, one case in full, dashboard counts
- ``card``: the supervisor's card and token, found before the PIN is asked (screens)
- ``demo_play``: the demo database's refund work, so every state shows
- ``errors``: typed failures
"""
