"""The OpenAPI document, with the limits that come from settings written into it."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def publish_question_limit(app: FastAPI, max_chars: int) -> None:
    """Show max_question_chars as maxLength of every question field, so clients and fuzzers know it."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schema["components"]["schemas"]["AskRequest"]["properties"]["question"]["maxLength"] = max_chars
        search = schema["paths"]["/api/search"]["get"]["parameters"]
        next(param for param in search if param["name"] == "q")["schema"]["maxLength"] = max_chars
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema
