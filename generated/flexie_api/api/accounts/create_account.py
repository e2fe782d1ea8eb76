from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.associative_array import AssociativeArray
from ...models.error import Error
from ...models.single_account import SingleAccount
from ...types import Response


def request_kwargs(
    *,
    body: AssociativeArray,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/accounts/new",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | SingleAccount | None:
    if response.status_code == 201:
        response_201 = SingleAccount.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | SingleAccount]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parse=lambda: parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AssociativeArray,
) -> Response[Error | SingleAccount]:
    """Create Account

     Creates a account from field values keyed by alias, and returns it with its new id.

    Args:
        body (AssociativeArray): Field values keyed by field alias. Values may be strings,
            numbers, booleans, lists (multi-select) or null. Dates and date-times are sent as UTC
            strings.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SingleAccount]
    """

    kwargs = request_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AssociativeArray,
) -> Error | SingleAccount | None:
    """Create Account

     Creates a account from field values keyed by alias, and returns it with its new id.

    Args:
        body (AssociativeArray): Field values keyed by field alias. Values may be strings,
            numbers, booleans, lists (multi-select) or null. Dates and date-times are sent as UTC
            strings.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SingleAccount
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AssociativeArray,
) -> Response[Error | SingleAccount]:
    """Create Account

     Creates a account from field values keyed by alias, and returns it with its new id.

    Args:
        body (AssociativeArray): Field values keyed by field alias. Values may be strings,
            numbers, booleans, lists (multi-select) or null. Dates and date-times are sent as UTC
            strings.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SingleAccount]
    """

    kwargs = request_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AssociativeArray,
) -> Error | SingleAccount | None:
    """Create Account

     Creates a account from field values keyed by alias, and returns it with its new id.

    Args:
        body (AssociativeArray): Field values keyed by field alias. Values may be strings,
            numbers, booleans, lists (multi-select) or null. Dates and date-times are sent as UTC
            strings.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SingleAccount
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
