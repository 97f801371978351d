"""Applications desk screens (申請案件): the queue, the review screen and its panels and dialogs.
Calls backoffice.services.applications; never the database or the card stack."""
