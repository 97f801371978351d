"""Sub-widgets of the review screen (審查畫面)."""
