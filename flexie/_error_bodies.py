"""What an error body says, whatever its shape: the server's messages, per-field messages, page text.

Flexie's spec promises ``{"error": {"code", "message"}}``; servers of its lineage and the proxies in
front of them also answer with OAuth's ``{"error", "error_description"}``, Mautic's
``{"errors": [{"message", "code", "details"}]}``, a bare ``message``, RFC 7807's ``title``/``detail``,
plain text or an HTML error page. :func:`messages` finds the words in all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeGuard

__all__ = ["field_messages", "messages", "page_text", "tidy"]

MAX_MESSAGE = 500
_DETAIL_KEYS = ("message", "error_description", "description", "detail")
_HTML = re.compile(r"<(?:!doctype|html|head|title|body|h1|p|div|center)\b", re.IGNORECASE)
_SECRET_PARAM = re.compile(
    r"\b(api_?key|access_token|refresh_token|client_secret|code_verifier|password|token)=[^&\s\"'<>]+",
    re.IGNORECASE,
)
_BEARER = re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def messages(body: Any) -> list[str]:
    """Every message an error body carries, outermost first (may repeat; the caller dedupes)."""
    if isinstance(body, str):
        text = page_text(body)
        return [text] if text else []
    if isinstance(body, list):
        return [text for item in body for text in messages(item)]
    if not isinstance(body, Mapping):
        return []
    found: list[str] = []
    error = body.get("error")
    if isinstance(error, str) and error:
        description = body.get("error_description")
        found.append(f"{error}: {description}" if _text(description) else error)
    elif isinstance(error, Mapping | list):
        found.extend(messages(error))
    described = isinstance(error, str)  # OAuth's error_description is already joined to its error
    found.extend(body[k] for k in _DETAIL_KEYS if _text(body.get(k)) and not (described and k == "error_description"))
    errors = body.get("errors")
    if isinstance(errors, list | str):
        found.extend(messages(errors))
    elif isinstance(errors, Mapping):
        found.extend(f"{key}: {why}" for key, why in _per_field(errors).items())
    title, detail = body.get("title"), body.get("detail")
    if _text(title) and _text(detail):  # RFC 7807: "Not Found: contact 7 does not exist"
        found[found.index(detail)] = f"{title}: {detail}"
    elif _text(title) and not found:
        found.append(title)
    return found


def field_messages(body: Any) -> dict[str, str]:
    """Per-field messages: ``error.fields`` (the spec's), Mautic's ``errors[].details``, or an
    ``errors`` object keyed by field name."""
    if not isinstance(body, Mapping):
        return {}
    out: dict[str, str] = {}
    error = body.get("error")
    if isinstance(error, Mapping) and isinstance(error.get("fields"), Mapping):
        out.update(_per_field(error["fields"]))
    errors = body.get("errors")
    if isinstance(errors, Mapping):
        out.update(_per_field(errors))
    elif isinstance(errors, list):
        for item in errors:
            if isinstance(item, Mapping) and isinstance(item.get("details"), Mapping):
                out.update(_per_field(item["details"]))
    return out


def _per_field(mapping: Mapping[Any, Any]) -> dict[str, str]:
    out = {}
    for key, why in mapping.items():
        words = [why] if not isinstance(why, list) else why
        text = "; ".join(str(w) for w in words if isinstance(w, str | int | float))
        if text:
            out[str(key)] = text
    return out


def _text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def page_text(text: str) -> str:
    """A plain-text or HTML body as one line: an HTML page's ``<title>`` (else its visible text)."""
    if _HTML.search(text):
        from html.parser import HTMLParser

        class Page(HTMLParser):
            def __init__(self) -> None:
                super().__init__(convert_charrefs=True)
                self.title: list[str] = []
                self.text: list[str] = []
                self._where: list[str] = []

            def handle_starttag(self, tag: str, attrs: Any) -> None:
                if tag in ("title", "script", "style"):
                    self._where.append(tag)

            def handle_endtag(self, tag: str) -> None:
                if self._where and self._where[-1] == tag:
                    self._where.pop()

            def handle_data(self, data: str) -> None:
                where = self._where[-1] if self._where else ""
                if where == "title":
                    self.title.append(data)
                elif not where:
                    self.text.append(data)

        page = Page()
        page.feed(text[:100_000])
        page.close()
        text = " ".join(page.title) if "".join(page.title).strip() else " ".join(page.text)
    return _SPACE.sub(" ", text).strip()


def tidy(message: str) -> str:
    """A message fit for an exception: credentials masked, one line, at most ``MAX_MESSAGE`` characters."""
    message = _BEARER.sub(lambda m: f"{m[1]} ***", _SECRET_PARAM.sub(lambda m: f"{m[1]}=***", message))
    message = _SPACE.sub(" ", message).strip()
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."
