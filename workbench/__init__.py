"""Market Workbench: market sizing and forecast models that round-trip Excel."""

__version__ = "0.1.0"
