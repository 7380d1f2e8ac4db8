"""Request size limits, enforced before a route reads the body (413 as a problem document).

A declared `Content-Length` over the limit is refused at once; a body sent without one (chunked)
is counted as it streams and cut off at the limit, so no route ever holds more than the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from longarm.api.problems import MEDIA_TYPE, problem_body


class BodyTooLargeError(Exception):
    """Raised inside `receive` when a streamed body passes the limit."""


class BodyLimit:
    """ASGI middleware: refuse bodies larger than `limit_for(path)` bytes with 413."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = self.limit_for(path)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await _refuse(send, path, limit)
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLargeError
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLargeError:
            if not started:
                await _refuse(send, path, limit)


async def _refuse(send: Send, path: str, limit: int) -> None:
    body = json.dumps(
        problem_body(413, f"request body is over the limit of {limit} bytes", path, "body")
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
