"""Python client for the Flexie CRM REST API.

::

    import flexie

    client = flexie.Flexie(subdomain="acme", api_key="...")
    rec = client.contacts.create({"first_name": "Jane", "email": "jane@acme.com"})
    for rec in client.contacts.filter(flexie.F("email").like("acme.com")):
        print(rec.id, rec["email"])
"""

__version__ = "0.1.0"

from ._auth import OAuthTokens
from ._client import AsyncFlexie, Flexie
from .bulk import BulkFailure, BulkResult, BulkSuccess
from .errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    FieldError,
    FieldValueError,
    FlexieError,
    InvalidArgumentError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnknownFieldError,
    ValidationError,
)
from .fields import Choice, Field, FieldSchema
from .filters import Condition, F
from .pagination import AsyncPager, Page, Pager
from .records import Record
from .resources import EmailSendResult

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFlexie",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "BulkFailure",
    "BulkResult",
    "BulkSuccess",
    "Choice",
    "Condition",
    "ConfigurationError",
    "EmailSendResult",
    "F",
    "Field",
    "FieldError",
    "FieldSchema",
    "FieldValueError",
    "Flexie",
    "FlexieError",
    "InvalidArgumentError",
    "NotFoundError",
    "OAuthTokens",
    "Page",
    "Pager",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "Record",
    "ResponseValidationError",
    "ServerError",
    "UnknownFieldError",
    "ValidationError",
    "__version__",
]
