"""Qt widgets, table models and dialogs. Views call services; they never open sessions or talk APDUs."""
