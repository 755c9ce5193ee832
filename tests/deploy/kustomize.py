"""Just enough of `kubectl kustomize` to render deploy/k8s/ and its overlay offline.

No kustomize runs here (it is a Go program, and neither kubectl nor kustomize is on PyPI), so this
renders the features our kustomizations use: `resources` (files, and directories holding a
kustomization), `patches` that delete a resource (`$patch: delete`), `configMapGenerator` from files
(with `disableNameSuffixHash`), `labels` without selectors, and `images`. Any other field is an
error, so a kustomization that starts using more fails here instead of being half-rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

KNOWN = {"apiVersion", "kind", "labels", "resources", "patches", "configMapGenerator", "generatorOptions",
         "images"}


def _key(doc: dict[str, Any]) -> tuple[str, str]:
    return doc["kind"], doc["metadata"]["name"]


def render(directory: Path) -> list[dict[str, Any]]:
    """The documents `kubectl kustomize directory` would print, in no particular order."""
    spec = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
    unknown = set(spec) - KNOWN
    if unknown:
        raise ValueError(f"{directory}: this renderer does not know {sorted(unknown)}")
    docs: list[dict[str, Any]] = []
    for entry in spec.get("resources", []):
        path = (directory / entry).resolve()
        if path.is_dir():
            docs += render(path)
        else:
            docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    no_hash = spec.get("generatorOptions", {}).get("disableNameSuffixHash") is True
    for generator in spec.get("configMapGenerator", []):
        if not no_hash:
            raise ValueError("hashed ConfigMap names are not rendered here")
        data = {}
        for item in generator["files"]:
            name, _, source = item.partition("=")
            data[name] = (directory / source).read_text(encoding="utf-8")
        docs.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": generator["name"]},
                     "data": data})
    for patch in spec.get("patches", []):
        body = yaml.safe_load(patch["patch"])
        if body.pop("$patch", None) != "delete":
            raise ValueError("only `$patch: delete` patches are rendered here")
        docs = [d for d in docs if _key(d) != _key(body)]
    for label in spec.get("labels", []):
        if label.get("includeSelectors", False):
            raise ValueError("selector labels are not rendered here")
        for doc in docs:
            doc["metadata"].setdefault("labels", {}).update(label["pairs"])
    for image in spec.get("images", []):
        for doc in docs:
            for container in doc.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
                if container["image"].split(":")[0] == image["name"]:
                    container["image"] = f"{image.get('newName', image['name'])}:{image['newTag']}"
    return docs
