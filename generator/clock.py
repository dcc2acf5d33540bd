"""HH:MM clock times as minutes after midnight, and back."""

from __future__ import annotations


def minutes(hhmm: str) -> int:
    """'07:30' -> 450."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def clock(total: int) -> str:
    """450 -> '07:30'."""
    return f"{total // 60:02d}:{total % 60:02d}"
