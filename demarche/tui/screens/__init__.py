"""Full screens of the app: one per stage of a meeting (home, prepare, meeting, wrap-up)."""
