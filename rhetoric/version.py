"""The version of rhetoric, written once: the package metadata, the report and the CLI read it here."""

__version__ = "0.2.0"
