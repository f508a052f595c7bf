"""A bounded load test: N concurrent clients ask running servers a fixed number of questions (or for a fixed
time), then stop. Several --url spread the clients over app workers, round robin.

python app.py &   # with PANELQA_RATE_LIMIT_PER_MINUTE raised, or every client shares one bucket
python -m evals.load_test --url http://127.0.0.1:7860 --clients 16 --requests 320
python -m evals.load_test --url http://127.0.0.1:7950 --url http://127.0.0.1:7951 --clients 20 --seconds 30
"""

from __future__ import annotations

import argparse
import itertools
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

QUESTIONS = (
    "How many responses did the 2020 community safety survey get?",
    "What did the Commissioner report about the precept?",
    "What is the Violence Reduction Network working on?",
    "How many people in Charnwood answered the survey?",
    "What does the new Police and Crime Plan prioritise?",
    "What was said about victims of domestic abuse?",
    "Who presented the Police and Crime Plan to the panel?",
    "What funding did the Force expect from the region?",
)


@dataclass
class LoadResult:
    """What came back: status counts (0 = no response), latencies of answered requests, wall time."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies_s: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, status: int, latency_s: float) -> None:
        """Count one request (from any client thread)."""
        with self.lock:
            self.statuses[status] += 1
            self.latencies_s.append(latency_s)

    @property
    def errors(self) -> int:
        """Requests that did not get a 200."""
        return sum(count for status, count in self.statuses.items() if status != 200)

    def summary(self) -> str:
        """One line for the terminal: counts, p50/p95/max latency, throughput."""
        ms = sorted(latency * 1000 for latency in self.latencies_s) or [0.0]
        total = sum(self.statuses.values())
        return (
            f"{total} requests, {self.errors} errors {dict(self.statuses)}; p50 {percentile(ms, 0.50):.0f} ms, "
            f"p95 {percentile(ms, 0.95):.0f} ms, max {ms[-1]:.0f} ms; {total / max(self.wall_s, 1e-9):.1f} req/s"
        )


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted values: fraction 0.95 of 200 values is the 190th."""
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def ask_once(client: httpx.Client, question: str, result: LoadResult) -> None:
    """POST one question and record its status and latency (0 when the request itself failed)."""
    started = time.perf_counter()
    try:
        status = client.post("/api/ask", json={"question": question}).status_code
    except httpx.HTTPError:
        status = 0
    result.record(status, time.perf_counter() - started)


def run(url: str, clients: int, requests: int, timeout_s: float = 60.0) -> LoadResult:
    """Send `requests` asks over `clients` concurrent connections; return when all are done."""
    result = LoadResult()
    questions = list(itertools.islice(itertools.cycle(QUESTIONS), requests))
    per_client = [questions[n::clients] for n in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda share: _client_loop(url, share, timeout_s, result), per_client))
    result.wall_s = time.perf_counter() - started
    return result


def _client_loop(url: str, questions: Sequence[str], timeout_s: float, result: LoadResult) -> None:
    """One client: its own connection, its questions one after another."""
    with httpx.Client(base_url=url, timeout=timeout_s) as client:
        for question in questions:
            ask_once(client, question, result)


def run_for(urls: Sequence[str], clients: int, seconds: float, timeout_s: float = 60.0) -> LoadResult:
    """Keep `clients` concurrent connections asking for `seconds`, client n on urls[n % len(urls)]."""
    result = LoadResult()
    started = time.perf_counter()
    deadline = started + seconds
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda n: _timed_loop(urls[n % len(urls)], n, deadline, timeout_s, result), range(clients)))
    result.wall_s = time.perf_counter() - started
    return result


def _timed_loop(url: str, offset: int, deadline: float, timeout_s: float, result: LoadResult) -> None:
    """One client: its own connection, asking the questions in turn (starting at its own) until the deadline."""
    with httpx.Client(base_url=url, timeout=timeout_s) as client:
        for question in itertools.islice(itertools.cycle(QUESTIONS), offset, None):
            if time.perf_counter() >= deadline:
                return
            ask_once(client, question, result)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test and print its summary; exit 1 if any request failed."""
    parser = argparse.ArgumentParser(description="Bounded load test of POST /api/ask.")
    parser.add_argument("--url", action="append", help="server base URL; repeat for several workers "
                        "(default http://127.0.0.1:7860)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--requests", type=int, default=320, help="total asks (default 320)")
    parser.add_argument("--seconds", type=float, help="ask for this long instead of a number of requests")
    args = parser.parse_args(argv)
    urls = args.url or ["http://127.0.0.1:7860"]
    timed = args.seconds is not None
    result = run_for(urls, args.clients, args.seconds) if timed else run(urls[0], args.clients, args.requests)
    print(result.summary())
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
