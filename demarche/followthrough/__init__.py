"""Across meetings: coverage, carry-forward, follow-ups and deadlines."""
