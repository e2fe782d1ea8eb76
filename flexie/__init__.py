"""Python client for the Flexie CRM REST API."""

__version__ = "0.1.0"
