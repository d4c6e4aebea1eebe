"""corridor-map: turn a news article into an interactive, fact-anchored map."""

__version__ = "0.1.0"
