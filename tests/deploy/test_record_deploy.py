"""Where each way of running the bot keeps its record of questions, and that it survives a restart.

The image and Compose keep record.sqlite3 on a volume at /data; systemd in its StateDirectory; the
Kubernetes pods, several of them, share the PostgreSQL of postgres.yaml on a PersistentVolumeClaim.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def k8s_resources() -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for path in K8S.rglob("*.yaml"):  # the small layout and the scale-out overlay
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc and "kind" in doc and doc["kind"] != "Kustomization":
                found[(doc["kind"], doc["metadata"]["name"])] = doc
    return found


def test_the_image_records_on_a_volume_the_bot_user_owns() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^\s*PACTBOT_DATA_DIR=/data \\$", text, re.MULTILINE)
    assert 'VOLUME ["/data"]' in text
    assert "install -d -o 10001 -g 10001 -m 700 /data" in text  # USER 10001 must be able to write it


def test_compose_services_share_one_named_data_volume() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert "data" in compose["volumes"]
    for name in ("discord", "slack"):
        assert "data:/data" in compose["services"][name]["volumes"], name


def test_systemd_units_record_in_their_state_directory() -> None:
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        settings = unit.read_text(encoding="utf-8").splitlines()
        assert "StateDirectory=pactbot" in settings, unit.name
        assert "Environment=PACTBOT_DATA_DIR=/var/lib/pactbot" in settings, unit.name


def test_every_bot_pod_records_in_the_postgres_of_the_kustomization() -> None:
    resources = k8s_resources()
    postgres = resources[("StatefulSet", "pactbot-postgres")]
    service = resources[("Service", "pactbot-postgres")]
    (claim,) = postgres["spec"]["volumeClaimTemplates"]
    container = postgres["spec"]["template"]["spec"]["containers"][0]
    pg_env = {e["name"]: e for e in container["env"]}
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert pg_env["PGDATA"]["value"].startswith(mounts[claim["metadata"]["name"]] + "/")
    secret_ref = pg_env["POSTGRES_PASSWORD"]["valueFrom"]["secretKeyRef"]
    assert secret_ref == {"name": "pactbot", "key": "POSTGRES_PASSWORD"}
    bots = [resources[("StatefulSet", "pactbot-discord")], resources[("Deployment", "pactbot-slack-http")]]
    for bot in bots:
        env = bot["spec"]["template"]["spec"]["containers"][0]["env"]
        names = [e["name"] for e in env]
        url = urlsplit(next(e["value"] for e in env if e["name"] == "PACTBOT_DATABASE_URL"))
        # Kubernetes fills in $(NAME) only from variables listed before it.
        assert url.password == "$(POSTGRES_PASSWORD)"
        assert names.index("POSTGRES_PASSWORD") < names.index("PACTBOT_DATABASE_URL")
        password = next(e for e in env if e["name"] == "POSTGRES_PASSWORD")
        assert password["valueFrom"]["secretKeyRef"] == secret_ref
        assert (url.hostname, url.port) == (service["metadata"]["name"], service["spec"]["ports"][0]["port"])
        assert url.username == pg_env["POSTGRES_USER"]["value"]
        assert url.path == "/" + pg_env["POSTGRES_DB"]["value"]


def test_the_single_socket_mode_pod_records_in_sqlite_on_its_own_claim() -> None:
    resources = k8s_resources()
    deployment = resources[("Deployment", "pactbot-slack-socket")]
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"]["type"] == "Recreate"  # a ReadWriteOnce claim, one pod at a time
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert "PACTBOT_DATABASE_URL" not in {e["name"] for e in container["env"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volume = next(v for v in pod["volumes"] if v["name"] == mounts["/data"])  # the image's PACTBOT_DATA_DIR
    claim = resources[("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"])]
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]


def test_the_example_secret_carries_the_postgres_password() -> None:
    secret = yaml.safe_load((K8S / "secret.example.yaml").read_text(encoding="utf-8"))
    assert "POSTGRES_PASSWORD" in secret["stringData"]
