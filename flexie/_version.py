"""The package's version, kept where every module can import it without importing the whole package."""

__version__ = "0.1.0"
"""The version of this package (the same as ``version`` in pyproject.toml)."""
