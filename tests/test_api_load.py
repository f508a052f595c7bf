"""A small run of the loopback load test: concurrent asks against uvicorn all succeed."""

from __future__ import annotations

from api_fixtures import serving
from fastapi import FastAPI

from evals.load_test import run


def test_concurrent_clients_all_get_answers(api_app: FastAPI) -> None:
    with serving(api_app) as base_url:
        result = run(base_url, clients=4, requests=40)
    assert result.errors == 0, result.summary()
    assert sum(result.statuses.values()) == 40
