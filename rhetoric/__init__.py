"""rhetoric: measure the gap between what leaders say about each other and what their diplomacy delivers."""

__version__ = "0.1.0"
