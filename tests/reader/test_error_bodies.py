"""server_message() and field_errors: the server's own words, whatever shape the error body has."""

from __future__ import annotations

from typing import Any

import pytest

from flexie.errors import BadRequestError, ValidationError, decode_body, server_message

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
    "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": {"code": 400, "message": "limit must be at most 100"}}, "limit must be at most 100"),
        ({"error": {"message": "Contact not found", "code": 404}}, "Contact not found"),
        ({"error": "Item was not found."}, "Item was not found."),
        ({"errors": [{"message": "email: This value is not valid.", "code": 400}]}, "email: This value is not valid."),
        ({"errors": [{"message": "first"}, {"message": "second"}]}, "first; second"),
        ({"errors": ["plain", "words"]}, "plain; words"),
        (
            {"error": "invalid_token", "error_description": "The access token provided has expired."},
            "invalid_token: The access token provided has expired.",
        ),
        ({"error": "invalid_grant"}, "invalid_grant"),
        ({"message": "API limit reached"}, "API limit reached"),
        ({"error_description": "Invalid refresh token"}, "Invalid refresh token"),
        ({"error": True, "message": "Something failed"}, "Something failed"),
        ({"error": "Not found", "message": "Contact 7 is gone"}, "Not found; Contact 7 is gone"),
        # Mautic answers both shapes at once (backwards compatibility): one message, once.
        (
            {
                "errors": [{"message": "API authorization denied.", "code": 401, "type": "access_denied"}],
                "error": {"message": "API authorization denied.", "code": 401},
            },
            "API authorization denied.",
        ),
        (
            {"message": "The given data was invalid.", "errors": {"email": ["The email field is required."]}},
            "The given data was invalid.; email: The email field is required.",
        ),
        ({"title": "Not Found", "status": 404, "detail": "contact 7 is gone"}, "Not Found: contact 7 is gone"),
        ({"title": "Forbidden", "status": 403}, "Forbidden"),
        ([{"message": "in a list"}], "in a list"),
        ("Service Unavailable", "Service Unavailable"),
        ("  too many\n requests \n", "too many requests"),
        (NGINX_502, "502 Bad Gateway"),
        (
            "<!DOCTYPE html><html><body><h1>Oops</h1><p>We are   down.</p><script>x()</script></body></html>",
            "Oops We are down.",
        ),
        ("<html><head><title>Error &amp; more</title><style>p{}</style></head></html>", "Error & more"),
    ],
)
def test_the_servers_words_for_every_shape(body: Any, expected: str) -> None:
    assert server_message(body) == expected


@pytest.mark.parametrize("body", [None, "", "   ", 5, True, [], {}, {"error": ""}, {"errors": []}, {"code": 400}])
def test_no_words_no_message(body: Any) -> None:
    assert server_message(body) is None


def test_messages_are_bounded() -> None:
    assert len(server_message("x" * 10_000) or "") == 500
    assert (server_message({"error": {"message": "y" * 10_000}}) or "").endswith("...")
    huge_page = "<html><body>" + "<p>word</p>" * 100_000 + "</body></html>"
    assert len(server_message(huge_page) or "") == 500


@pytest.mark.parametrize(
    "body",
    [
        "<html><body>Bad request to /api/contacts?apikey=SECRET-123&limit=5</body></html>",
        {"error": "invalid_token", "error_description": "token Bearer SECRET-123 has expired"},
        {"message": "GET /oauth2/token?refresh_token=SECRET-123 failed"},
        "upstream said access_token=SECRET-123",
    ],
)
def test_credentials_a_server_echoes_are_masked(body: Any) -> None:
    message = server_message(body) or ""
    assert "SECRET-123" not in message
    assert "***" in message


def test_the_exception_carries_the_words_of_a_decoded_body() -> None:
    content = b'{"errors": [{"code": 400, "message": "email: not valid.", "details": {"email": ["not valid"]}}]}'
    body = decode_body(content)
    error = BadRequestError("POST /x answered 400", status_code=400, method="POST", url="u", body=body, headers={})
    assert error.message == "email: not valid."
    assert error.field_errors == {"email": "not valid"}
    assert server_message(decode_body(NGINX_502.encode())) == "502 Bad Gateway"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": {"code": 422, "message": "invalid", "fields": {"size": "not a number"}}}, {"size": "not a number"}),
        (
            {"errors": [{"message": "m", "details": {"email": ["required", "not valid"]}}]},
            {"email": "required; not valid"},
        ),
        ({"errors": {"email": ["is required."], "age": "too young"}}, {"email": "is required.", "age": "too young"}),
        ({"error": "invalid_grant"}, {}),
        ("text", {}),
    ],
)
def test_field_errors_of_every_shape(body: Any, expected: dict[str, str]) -> None:
    error = ValidationError("x", status_code=422, method="POST", url="u", body=body, headers={})
    assert error.field_errors == expected
