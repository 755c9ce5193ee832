"""Prometheus metrics for one bot process, kept in a registry of its own (no global state)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

OUTCOMES = ("answered", "declined", "empty", "help", "cooldown", "error")
# What became of a question or vote handed to the recorder.
RECORD_RESULTS = ("written", "failed", "dropped")


class Metrics:
    """Counters and histograms the adapters and the runtime update."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.questions = Counter(
            "pactbot_questions",
            "Questions received, by platform and outcome",
            ["platform", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "pactbot_answer_seconds",
            "Time to compose an answer, by platform",
            ["platform"],
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
            registry=self.registry,
        )
        self.confidence = Histogram(
            "pactbot_answer_confidence",
            "Confidence of the core's answers",
            buckets=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
            registry=self.registry,
        )
        self.reloads = Counter(
            "pactbot_fact_reloads", "Fact file reloads that worked", registry=self.registry
        )
        self.reload_failures = Counter(
            "pactbot_fact_reload_failures", "Fact file reloads that failed", registry=self.registry
        )
        self.redis_fallbacks = Counter(
            "pactbot_redis_fallbacks",
            "Cooldown, de-duplication and IDENTIFY-gate checks done in this process because Redis was unwell",
            ["operation"],
            registry=self.registry,
        )
        self.redis_unavailable = Gauge(
            "pactbot_redis_unavailable",
            "1 while Redis is unwell and this process shares no state through it",
            registry=self.registry,
        )
        self.reconnects = Counter(
            "pactbot_reconnects",
            "Gateway or socket reconnects, by platform",
            ["platform"],
            registry=self.registry,
        )
        self.votes = Counter(
            "pactbot_votes",
            "Votes on answers (the thumbs-up and thumbs-down buttons), by platform and vote",
            ["platform", "vote"],
            registry=self.registry,
        )
        self.records = Counter(
            "pactbot_records",
            "Questions and votes handed to the recorder, by kind and by what became of them: written, "
            "failed (the database refused or could not be reached) or dropped (the queue was full)",
            ["kind", "result"],
            registry=self.registry,
        )
        self.record_queue = Gauge(
            "pactbot_record_queue",
            "Questions and votes waiting to be written to the record",
            registry=self.registry,
        )
        self.backend_up = Gauge(
            "pactbot_backend_up",
            "Whether a store the bot depends on answered its last request (1) or not (0), by backend",
            ["backend"],
            registry=self.registry,
        )

    def question(
        self, platform: str, outcome: str, seconds: float | None = None, confidence: float | None = None
    ) -> None:
        self.questions.labels(platform=platform, outcome=outcome).inc()
        if seconds is not None:
            self.latency.labels(platform=platform).observe(seconds)
        if confidence is not None:
            self.confidence.observe(confidence)

    def voted(self, platform: str, value: int) -> None:
        self.votes.labels(platform=platform, vote="up" if value > 0 else "down").inc()

    def recorded(self, kind: str, result: str, count: int = 1) -> None:
        self.records.labels(kind=kind, result=result).inc(count)

    def backend_state(self, backend: str, up: bool) -> None:
        self.backend_up.labels(backend=backend).set(1 if up else 0)

    def render(self) -> bytes:
        return generate_latest(self.registry)
