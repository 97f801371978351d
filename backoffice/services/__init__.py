"""Use cases: take plain values and a unit of work, commit explicitly. Never import Qt."""
