"""IR for OVHcloud AI Deploy apps, AI Training jobs and AI Notebooks (target-neutral)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..span import Span


@dataclass(frozen=True)
class EnvVar:
    name: str
    value: str | None
    span: Span = field(compare=False)


@dataclass(frozen=True)
class Volume:
    """An object-storage (or git/swift/standalone) volume mounted into the workload."""

    mount_path: str
    permission: str  # RO | RW | RWD
    cache: bool
    kind: str  # datastore | git | swift | standalone
    container: str | None = None
    alias: str | None = None
    prefix: str | None = None
    url: str | None = None
    name: str | None = None
    archive: str | None = None
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Probe:
    path: str = "/"
    port: int | None = None
    initial_delay_seconds: int | None = None
    period_seconds: int | None = None
    timeout_seconds: int | None = None
    success_threshold: int | None = None
    failure_threshold: int | None = None
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CustomMetrics:
    api_url: str
    format: str  # JSON | XML | YAML | PROMETHEUS
    value_location: str
    target_value: float
    aggregation: str = "AVERAGE"


@dataclass(frozen=True)
class Scaling:
    """Fixed replicas, or automatic scaling on CPU/RAM or a custom metric."""

    replicas: int | None = None  # fixed strategy
    min_replicas: int | None = None
    max_replicas: int | None = None
    resource_type: str | None = None  # CPU | RAM
    target_percent: int | None = None
    custom: CustomMetrics | None = None
    scale_up_window: int | None = None
    scale_down_window: int | None = None
    cooldown: int | None = None
    span: Span | None = field(default=None, compare=False)

    @property
    def automatic(self) -> bool:
        return self.replicas is None


@dataclass(frozen=True)
class Rollout:
    max_surge: int | str | None = None
    max_unavailable: int | str | None = None
    progress_deadline_seconds: int | None = None
    termination_grace_period_seconds: int | None = None


@dataclass(frozen=True)
class AiWorkload:
    """One app, job or notebook, from an API body or an `ovhai ... run` command line."""

    kind: str  # app | job | notebook
    name: str | None
    span: Span = field(compare=False)
    image: str | None = None  # notebooks: derived from framework/editor by the target
    region: str | None = None
    flavor: str | None = None
    cpu: int | None = None
    gpu: int | None = None
    command: tuple[str, ...] = ()
    http_port: int | None = None
    grpc_port: int | None = None
    env: tuple[EnvVar, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    volumes: tuple[Volume, ...] = ()
    probe: Probe | None = None
    liveness: Probe | None = None
    scaling: Scaling | None = None
    rollout: Rollout | None = None
    unsecure_http: bool = False
    ssh_public_keys: tuple[str, ...] = ()
    timeout_seconds: int | None = None
    timeout_auto_restart: bool = False
    read_user: str | None = None
    shutdown: str | None = None
    partner_id: str | None = None
    framework: str | None = None  # notebooks
    editor: str | None = None
    framework_version: str | None = None
    source: str = "body"  # body | cli
    # Fields whose value was a documentation placeholder (`<image>`), filled with a default.
    placeholders: tuple[str, ...] = ()
    field_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False)

    def span_of(self, name: str) -> Span:
        for k, s in self.field_spans:
            if k == name:
                return s
        return self.span
