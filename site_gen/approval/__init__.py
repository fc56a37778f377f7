"""Approval: what a governing body approved, and what has changed since."""
