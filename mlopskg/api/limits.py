"""An ASGI middleware that refuses request bodies over a size limit with 413."""

from __future__ import annotations

import json
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]


class BodySizeLimit:
    """Answer 413 when Content-Length or the streamed body passes ``max_bytes``."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, scope: Scope, send: Any) -> None:
        message = f"the request body is larger than {self.max_bytes:,} bytes, the most this server accepts"
        if scope.get("path", "").startswith("/sparql"):
            body, media = (message + "\n").encode(), b"text/plain; charset=utf-8"
        else:
            body, media = (
                json.dumps({"error": 413, "message": message}).encode(),
                b"application/json",
            )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_bytes:
                        await self._reject(scope, send)
                        return
                except ValueError:
                    pass
        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._reject(scope, send)


class _TooLarge(Exception):
    pass
