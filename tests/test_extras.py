"""A command whose pip extra is missing stops at once with one line naming the extra."""

import sys

import pytest

from pipeline.cli import main
from pipeline.errors import MissingExtra
from pipeline.extras import require


def test_a_missing_module_is_reported_with_the_extra_that_installs_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # as if not installed: importing it fails
    with pytest.raises(MissingExtra, match=r'needs the \'train\' extra, and sklearn is not installed: '
                                           r'pip install -e "\.\[train\]"'):
        require("train", "json", "sklearn")


def test_an_installed_module_passes():
    require("train", "json")


@pytest.mark.parametrize("command", ["train", "cross-validate"])
def test_training_without_the_train_extra_is_one_line_not_a_traceback(command, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    # models to a scratch folder: were the check to come too late, training would start replacing them
    monkeypatch.setattr(sys, "argv", ["claims", command, "--set", f"paths.models={tmp_path / 'models'}"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == ['claims: error: this command needs the \'train\' extra, and sklearn is not '
                                'installed: pip install -e ".[train]"']


@pytest.mark.parametrize("command", ["train", "cross-validate"])
def test_fine_tuning_without_torch_stops_before_any_training(command, tmp_path, monkeypatch, capsys):
    # a module no install has stands for torch, which hidden on a machine that has it upsets scipy's probes
    monkeypatch.setattr("pipeline.learning.fine_tune.MODULES", ("torch_not_installed",))
    monkeypatch.setattr(sys, "argv", ["claims", command, "--set", "fine_tune.enabled=true",
                                      "--set", f"paths.models={tmp_path / 'models'}"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        'claims: error: this command needs the \'train-encoder\' extra, and torch_not_installed is not '
        'installed: pip install -e ".[train-encoder]"']
    assert not (tmp_path / "models").exists()
