"""site_gen: validate an integrated plan and publish it as an accessible website."""

__version__ = "0.1.0"
