"""A real Jupyter server over the course's modules for the browser tests (`jupyter notebook` or
`jupyter lab`), with a private store and a known token, optionally with the course's server
extension (`lab_server`: the course pages and the activities' cached route)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from partnership_course.content.paths import modules_dir

from .launch import running

TOKEN = "jupyter-token-for-tests"


@contextmanager
def jupyter_server(
    tmp_path_factory: pytest.TempPathFactory,
    app: str,
    learner: str,
    base_url: str = "/",
    extension: bool = True,
) -> Iterator[tuple[str, str]]:
    """`jupyter <app>` (notebook, lab) until the block ends; yields (its URL, the store's URL)."""
    config = tmp_path_factory.mktemp(f"{app}-config")
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"open_browser": False}, "IdentityProvider": {"token": TOKEN}})
    )
    store = f"sqlite:///{tmp_path_factory.mktemp(f'{app}-store') / 'responses.db'}"
    env = {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp(f"{app}-runtime")),
        "PARTNERSHIP_COURSE_STORE": store,
        "PARTNERSHIP_COURSE_LEARNER": learner,
        "PARTNERSHIP_COURSE_LANG": "en",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    argv = [
        sys.executable,
        "-m",
        "jupyter",
        app,
        "--port={port}",
        f"--ServerApp.root_dir={modules_dir()}",
        # the hub's contents manager: course notebooks are never written (a stray
        # .ipynb_checkpoints left in the checkout made test_preheat wait for a notebook's pool)
        "--ServerApp.contents_manager_class=partnership_course.hub.contents.CourseContentsManager",
        # and listing a notebook's checkpoints makes their folder: keep it out of the checkout
        f"--FileCheckpoints.checkpoint_dir={tmp_path_factory.mktemp(f'{app}-checkpoints')}",
        f"--ServerApp.base_url={base_url}",
        *(
            ["--ServerApp.jpserver_extensions=partnership_course.lab_server=True"]
            if extension
            else []
        ),
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]
    log_path = tmp_path_factory.mktemp(f"{app}-log") / f"{app}.log"
    with (
        log_path.open("w") as log,
        running(argv, env, log, probe=f"{base_url}api/status") as (
            url,
            _,
        ),
    ):
        yield url, store
