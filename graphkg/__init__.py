"""graphkg: a knowledge graph of regional partnerships from Smolensk cooperation reports."""

__version__ = "0.1.0"
