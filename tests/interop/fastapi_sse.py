# SPDX-License-Identifier: GPL-3.0-or-later
"""A FastAPI StreamingResponse SSE endpoint, as tutorials write it.

Run: python3 -m uvicorn fastapi_sse:app --host 127.0.0.1 --port PORT
GET /events?lines=N&interval_ms=T streams N messages, then `event: close` with `data: bye`.
"""
import asyncio

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


@app.get("/events")
async def events(lines: int = 10, interval_ms: int = 50):
    async def generate():
        for i in range(1, lines + 1):
            yield f"id: {i}\ndata: message {i}\n\n"
            await asyncio.sleep(interval_ms / 1000)
        yield "event: close\ndata: bye\n\n"

    return StreamingResponse(generate(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache"})
