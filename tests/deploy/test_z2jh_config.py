"""Is deploy/z2jh/config.yaml what Zero to JupyterHub's chart accepts, and does it mean the hub?

Helm and Kubernetes are not on these machines, so this does what `helm` does before rendering:
deep-merge the chart's default values with our config (mappings key by key, lists replaced) and
validate the result against the chart's own JSON schema, kept in ../shared/reference/z2jh/.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from partnership_course.hub.settings import COACHES_GROUP, FORMGRADER_SERVICE, HubSettings
from partnership_course.hub.spawner import START_PAGE

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT.parent / "shared" / "reference" / "z2jh"
CONFIG = ROOT / "deploy" / "z2jh" / "config.yaml"


def merged(defaults: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Helm's merge of `--values` over the chart's values.yaml."""
    result = copy.deepcopy(defaults)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


@pytest.fixture(scope="module")
def chart() -> tuple[dict[str, Any], dict[str, Any]]:
    if not (CHART / "values.schema.json").is_file():
        pytest.fail(f"the chart's schema and defaults are missing: {CHART} (see its README.md)")
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    return defaults, schema


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def problems(values: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values)
    ]


def test_config_validates_against_the_chart_schema(chart: tuple, config: dict) -> None:
    defaults, schema = chart
    assert problems(merged(defaults, config), schema) == []


@pytest.mark.parametrize(
    "path, value",
    [
        (("singleuser", "defaultURL"), "/voila/tree"),  # misspelt defaultUrl
        (("singleuser", "memory", "guarantees"), "1G"),  # misspelt guarantee
        (("hub", "extraEnvironment"), {"A": "b"}),  # unknown key
        (("culling",), {"enabled": True}),  # misspelt cull
        (("singleuser", "memory", "limit"), ["2G"]),  # wrong type
    ],
)
def test_unknown_or_misspelt_keys_fail(chart: tuple, config: dict, path: tuple, value: Any) -> None:
    defaults, schema = chart
    broken = copy.deepcopy(config)
    target = broken
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    found = problems(merged(defaults, broken), schema)
    assert found, f"{'.'.join(path)} should have been refused"
    assert all(path[-1] in problem or path[0] in problem for problem in found), found


def test_config_mirrors_the_hub(config: dict) -> None:
    """The same group, service, start page and culling as `partnership-course hub`."""
    single, hub = config["singleuser"], config["hub"]
    assert single["defaultUrl"] == START_PAGE
    assert FORMGRADER_SERVICE in hub["services"]
    coach = hub["loadRoles"]["coach"]
    assert coach["groups"] == [COACHES_GROUP]
    assert coach["scopes"] == [f"access:services!service={FORMGRADER_SERVICE}"]
    assert COACHES_GROUP in hub["config"]["JupyterHub"]["load_groups"]
    assert config["cull"]["enabled"] is True
    assert config["cull"]["timeout"] == HubSettings(data_dir="x").cull_idle_minutes * 60
    assert single["memory"]["guarantee"] and single["memory"]["limit"]
    assert "docs/capacity.md" in CONFIG.read_text(encoding="utf-8")


def test_database_urls_come_from_a_secret_not_the_file(config: dict) -> None:
    store = config["singleuser"]["extraEnv"]["PARTNERSHIP_COURSE_STORE"]
    gradebook = config["hub"]["extraEnv"]["PARTNERSHIP_COURSE_GRADEBOOK"]
    hub_db = config["hub"]["extraEnv"]["JUPYTERHUB_DB_URL"]
    for variable in (store, gradebook, hub_db):
        assert variable["valueFrom"]["secretKeyRef"]["name"] == "partnership-course-db"
    assert "postgresql" not in yaml.safe_dump(config)  # only in the kubectl example comment
    # the hub's tables are in that database too, not the chart's SQLite volume
    assert config["hub"]["db"]["type"] == "other"
    assert "JUPYTERHUB_DB_URL" in config["hub"]["extraConfig"]["hub-db"]
    # teachers' servers get the store, never the gradebook
    assert "PARTNERSHIP_COURSE_GRADEBOOK" not in config["singleuser"]["extraEnv"]


def test_formgrader_manifest_matches_the_service(config: dict) -> None:
    documents = list(yaml.safe_load_all((CONFIG.parent / "formgrader.yaml").read_text()))
    kinds = {doc["kind"]: doc for doc in documents}
    assert set(kinds) == {"Deployment", "Service", "PersistentVolumeClaim"}
    service = kinds["Service"]["metadata"]["name"]
    port = kinds["Service"]["spec"]["ports"][0]["port"]
    assert config["hub"]["services"][FORMGRADER_SERVICE]["url"] == f"http://{service}:{port}"
    (container,) = kinds["Deployment"]["spec"]["template"]["spec"]["containers"]
    env = {item["name"]: item for item in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == FORMGRADER_SERVICE
    token = env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token == {"name": "hub", "key": f"hub.services.{FORMGRADER_SERVICE}.apiToken"}
    assert container["image"].split(":")[0] == config["singleuser"]["image"]["name"]


def test_the_hub_reads_its_database_url_from_the_secret(config: dict, monkeypatch) -> None:
    """The chart runs each extraConfig snippet with `c` in scope: run ours the same way."""
    from traitlets.config import Config

    url = "postgresql://hub:secret@db.example.org/jupyterhub"
    monkeypatch.setenv("JUPYTERHUB_DB_URL", url)
    c = Config()
    exec(config["hub"]["extraConfig"]["hub-db"], {"c": c})
    assert c.JupyterHub.db_url == url
