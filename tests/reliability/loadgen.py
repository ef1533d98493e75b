"""A bounded HTTP load generator: ``clients`` concurrent clients on loopback, each sending
``requests_each`` requests over a mix of API and page URLs, then stopping. Also used by
``benchmarks/reliability.py serve``."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

import httpx2 as httpx  # the dev dependency (Starlette 1.10 TestClient uses it too)

PATHS = (
    "/api/health",
    "/api/events?limit=50",
    "/api/events?source=RUS&limit=20",
    "/api/events?text=talks&limit=20",
    "/api/dyad?a=RUS&b=PRK",
    "/api/visits",
    "/api/network",
    "/",
    "/events",
    "/dyad/USA/CHN",
)


@dataclass
class LoadResult:
    """Every request's outcome: latencies of the good ones, the failures in words."""

    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.failures)

    def percentile(self, p: float) -> float:
        """Latency (seconds) at percentile ``p`` of the successful requests."""
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1]

    def line(self) -> str:
        return (f"{self.requests} requests from concurrent clients in {self.seconds:.1f} s: "
                f"{len(self.failures)} failed; p50 {self.percentile(50) * 1000:.0f} ms, "
                f"p99 {self.percentile(99) * 1000:.0f} ms")  # fmt: skip


async def _client(base: str, index: int, count: int, timeout: float, result: LoadResult) -> None:
    """One client: its own connection, requests one after the other (a browser tab)."""
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as http:
        await _requests(http, base, index, count, result)


async def _requests(
    http: httpx.AsyncClient, base: str, index: int, count: int, result: LoadResult
) -> None:
    for i in range(count):
        path = PATHS[(index + i) % len(PATHS)]
        started = time.perf_counter()
        try:
            response = await http.get(base + path)
        except httpx.HTTPError as exc:
            result.failures.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        elapsed = time.perf_counter() - started
        body = response.text
        if response.status_code != 200 or "database is locked" in body:
            result.failures.append(f"{path}: HTTP {response.status_code}: {body[:200]}")
        else:
            result.latencies.append(elapsed)


async def _run(base: str, clients: int, requests_each: int, timeout: float) -> LoadResult:
    result = LoadResult()
    started = time.perf_counter()
    await asyncio.gather(
        *(_client(base, i, requests_each, timeout, result) for i in range(clients))
    )
    result.seconds = time.perf_counter() - started
    return result


def run_load(
    base: str, clients: int = 200, requests_each: int = 5, timeout: float = 60
) -> LoadResult:
    """Send ``clients * requests_each`` GET requests to ``base``, ``clients`` at a time."""
    return asyncio.run(_run(base.rstrip("/"), clients, requests_each, timeout))
