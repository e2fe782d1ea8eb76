from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.order_by_dir import OrderByDir
from ...models.workflow_list import WorkflowList
from ...types import UNSET, Response, Unset


def request_kwargs(
    id: int,
    *,
    start: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_dir: OrderByDir | Unset = UNSET,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start"] = start

    params["limit"] = limit

    params["orderBy"] = order_by

    json_order_by_dir: str | Unset = UNSET
    if not isinstance(order_by_dir, Unset):
        json_order_by_dir = order_by_dir.value

    params["orderByDir"] = json_order_by_dir

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/deals/{id}/workflows".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | WorkflowList | None:
    if response.status_code == 200:
        response_200 = WorkflowList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | WorkflowList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parse=lambda: parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    start: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_dir: OrderByDir | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | WorkflowList]:
    """Get Deal Workflows

     Pages through the workflows that have run on this deal.

    Args:
        id (int):
        start (int | Unset):
        limit (int | Unset):
        order_by (str | Unset):
        order_by_dir (OrderByDir | Unset): Sort direction: `ASC` for ascending, `DESC` for
            descending.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WorkflowList]
    """

    kwargs = request_kwargs(
        id=id,
        start=start,
        limit=limit,
        order_by=order_by,
        order_by_dir=order_by_dir,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    start: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_dir: OrderByDir | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | WorkflowList | None:
    """Get Deal Workflows

     Pages through the workflows that have run on this deal.

    Args:
        id (int):
        start (int | Unset):
        limit (int | Unset):
        order_by (str | Unset):
        order_by_dir (OrderByDir | Unset): Sort direction: `ASC` for ascending, `DESC` for
            descending.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WorkflowList
    """

    return sync_detailed(
        id=id,
        client=client,
        start=start,
        limit=limit,
        order_by=order_by,
        order_by_dir=order_by_dir,
        search=search,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    start: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_dir: OrderByDir | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | WorkflowList]:
    """Get Deal Workflows

     Pages through the workflows that have run on this deal.

    Args:
        id (int):
        start (int | Unset):
        limit (int | Unset):
        order_by (str | Unset):
        order_by_dir (OrderByDir | Unset): Sort direction: `ASC` for ascending, `DESC` for
            descending.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WorkflowList]
    """

    kwargs = request_kwargs(
        id=id,
        start=start,
        limit=limit,
        order_by=order_by,
        order_by_dir=order_by_dir,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    start: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: str | Unset = UNSET,
    order_by_dir: OrderByDir | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | WorkflowList | None:
    """Get Deal Workflows

     Pages through the workflows that have run on this deal.

    Args:
        id (int):
        start (int | Unset):
        limit (int | Unset):
        order_by (str | Unset):
        order_by_dir (OrderByDir | Unset): Sort direction: `ASC` for ascending, `DESC` for
            descending.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WorkflowList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            start=start,
            limit=limit,
            order_by=order_by,
            order_by_dir=order_by_dir,
            search=search,
        )
    ).parsed
