"""Python client for the Flexie CRM REST API.

::

    import flexie

    client = flexie.Flexie(subdomain="acme", api_key="...")
    rec = client.contacts.create({"first_name": "Jane", "email": "jane@acme.com"})
    for rec in client.contacts.filter(flexie.F("email").like("acme.com")):
        print(rec.id, rec["email"])
"""

from typing import TYPE_CHECKING, Any

# First: the modules imported below read __version__ from this package.
from ._version import __version__

# isort: split
from ._client import AsyncFlexie, Flexie
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
    IncompleteResponseError,
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

if TYPE_CHECKING:
    from ._auth import OAuthTokens, exchange_authorization_code
    from ._config import ClientOptions
    from .bulk import BulkFailure, BulkResult, BulkSuccess
    from .fields import Choice, Field, FieldSchema
    from .filters import Condition, F
    from .pagination import AsyncPager, Page, Pager
    from .raw_response import RawResponse
    from .records import Record
    from .resources import EmailSendResult

# The rest is imported on first use (PEP 562): `import flexie` costs little more than httpx.
_EXPORTS = {
    "AsyncPager": ".pagination",
    "BulkFailure": ".bulk",
    "BulkResult": ".bulk",
    "BulkSuccess": ".bulk",
    "Choice": ".fields",
    "Condition": ".filters",
    "EmailSendResult": ".resources",
    "F": ".filters",
    "Field": ".fields",
    "FieldSchema": ".fields",
    "OAuthTokens": "._auth",
    "exchange_authorization_code": "._auth",
    "Page": ".pagination",
    "Pager": ".pagination",
    "RawResponse": ".raw_response",
    "ClientOptions": "._config",
    "Record": ".records",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'flexie' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "ClientOptions",
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
    "IncompleteResponseError",
    "InvalidArgumentError",
    "NotFoundError",
    "OAuthTokens",
    "Page",
    "Pager",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "Record",
    "ResponseValidationError",
    "ServerError",
    "UnknownFieldError",
    "ValidationError",
    "__version__",
    "exchange_authorization_code",
]
