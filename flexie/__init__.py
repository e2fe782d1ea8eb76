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
from ._async.client import AsyncFlexie
from ._sync.client import Flexie
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
    from . import oauth, webhooks
    from ._auth import OAuthError, OAuthTokens
    from ._config import ClientOptions
    from .bulk import BulkFailure, BulkResult, BulkSuccess
    from .fields import Choice, Field, FieldSchema
    from .filters import Condition, F
    from .oauth import exchange_authorization_code
    from .pagination import AsyncPager, Page, Pager
    from .raw_response import RawResponse
    from .records import Record
    from .resources import EmailSendResult

# The rest is imported on first use (PEP 562): `import flexie` costs little more than httpx.
_SUBMODULES = frozenset({"oauth", "webhooks"})
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
    "OAuthError": "._auth",
    "OAuthTokens": "._auth",
    "exchange_authorization_code": ".oauth",
    "Page": ".pagination",
    "Pager": ".pagination",
    "RawResponse": ".raw_response",
    "ClientOptions": "._config",
    "Record": ".records",
}


def __getattr__(name: str) -> Any:
    from importlib import import_module

    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'flexie' has no attribute {name!r}")

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
    "OAuthError",
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
    "oauth",
    "webhooks",
]
