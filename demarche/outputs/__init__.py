"""Paper made from plans and records: reporting cable, non-paper, meeting card, summary.

Plain Python; nothing here imports Textual, so the commands that print these
start fast (see bench/bench_outputs.py).
"""
