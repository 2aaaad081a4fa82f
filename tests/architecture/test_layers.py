"""The stack of apps holds: the import contracts in pyproject.toml are kept.

The portal on top; spending above budgets; activities, events and partners above cases;
teams and accounts at the bottom; the kernel (citydeal) imports no app, its URL
configuration and seed loading aside. ``.ci/run`` runs ``lint-imports`` too; this test
says the same in the test suite, with the broken contract's imports in its output.
"""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out
