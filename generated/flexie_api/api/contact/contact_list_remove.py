from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.success import Success
from ...types import Response


def request_kwargs(
    id: int,
    entity_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/contact/lists/{id}/remove/{entity_id}".format(
            id=quote(str(id), safe=""),
            entity_id=quote(str(entity_id), safe=""),
        ),
    }

    return _kwargs


def parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Success | None:
    if response.status_code == 200:
        response_200 = Success.from_dict(response.json())

        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Success]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parse=lambda: parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    entity_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | Success]:
    """Remove a contact from a list

     Removes the contact `entityId` from the list `id`. Answers `success: 1` when membership changed and
    `success: 0` when it was already so.

    Args:
        id (int):
        entity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Success]
    """

    kwargs = request_kwargs(
        id=id,
        entity_id=entity_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    entity_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Error | Success | None:
    """Remove a contact from a list

     Removes the contact `entityId` from the list `id`. Answers `success: 1` when membership changed and
    `success: 0` when it was already so.

    Args:
        id (int):
        entity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Success
    """

    return sync_detailed(
        id=id,
        entity_id=entity_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    entity_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | Success]:
    """Remove a contact from a list

     Removes the contact `entityId` from the list `id`. Answers `success: 1` when membership changed and
    `success: 0` when it was already so.

    Args:
        id (int):
        entity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Success]
    """

    kwargs = request_kwargs(
        id=id,
        entity_id=entity_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    entity_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Error | Success | None:
    """Remove a contact from a list

     Removes the contact `entityId` from the list `id`. Answers `success: 1` when membership changed and
    `success: 0` when it was already so.

    Args:
        id (int):
        entity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Success
    """

    return (
        await asyncio_detailed(
            id=id,
            entity_id=entity_id,
            client=client,
        )
    ).parsed
