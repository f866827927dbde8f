"""The architecture, checked from the imports so that it stays true.

- A stage (and the model formats it reads) imports nothing from batch running, evaluation,
  analytics or training.
- No module imports another module's private (underscored) name.
- No import cycles between modules, counting imports inside functions too.
- No import cycles between packages either: each sub-package is one room, and what a run reads
  (``stages``) never reaches back into what training does (``learning``).
"""

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "pipeline"
STAGES_MAY_NOT = ("pipeline.batch", "pipeline.evaluation", "pipeline.analytics", "pipeline.learning",
                  "pipeline.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")
           if not {"configs", "models"} & set(p.relative_to(PACKAGE).parts)}


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import in the file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("pipeline"):
            names = [a.name for a in node.names]
            subs = [f"{node.module}.{n}" for n in names if f"{node.module}.{n}" in MODULES]
            taken = [n for n in names if f"{node.module}.{n}" not in MODULES]
            if taken:
                found.append((node.module, taken))
            found.extend((s, []) for s in subs)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}: use absolute imports (from pipeline... import)")
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names if a.name.startswith("pipeline"))
    return found


GRAPH = {name: {m for m, _ in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}
# The package itself is a facade whose ``load``/``load_claims`` are imported on first use (PEP 562):
# importing ``pipeline`` (for ``__version__``) loads nothing else.
GRAPH["pipeline"] = set()


def test_stages_import_no_batch_evaluation_or_analytics():
    wrong = [(name, m) for name in MODULES if name.startswith("pipeline.stages")
             for m in GRAPH[name] if m.startswith(STAGES_MAY_NOT)]
    assert wrong == []


def test_no_module_imports_a_private_name_of_another():
    private = [(name, m, n) for name, path in MODULES.items() for m, names in imports(path)
               for n in names if n.startswith("_") and not n.startswith("__")]
    assert private == []


def test_importing_the_package_loads_nothing_else():
    import sys

    from commands import run

    code = "import sys, pipeline; print(sorted(m for m in sys.modules if m.startswith('pipeline.')))"
    out = run([sys.executable, "-c", code], cwd=REPO)
    assert out.stdout.strip() == "[]"


def package_of(name: str) -> str:
    """The folder a module sits in (``pipeline.stages.formats.linear`` -> ``pipeline.stages.formats``);
    a module at the top of ``pipeline/`` is a room of its own."""
    path = MODULES[name]
    if path.name == "__init__.py" or path.parent == PACKAGE:
        return name
    return name.rsplit(".", 1)[0]


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, targets in graph.items():
        out.setdefault(package_of(name), set()).update(package_of(t) for t in targets)
    return {name: targets - {name} for name, targets in out.items()}


def cycles_in(graph: dict[str, set[str]]) -> list[list[str]]:
    def cycle_from(start):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    return path + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
        return None

    return [c for c in map(cycle_from, sorted(graph)) if c]


def test_no_import_cycles():
    assert cycles_in(GRAPH) == []


def test_no_import_cycles_between_packages():
    assert cycles_in(package_graph(GRAPH)) == []


def test_a_package_cycle_is_found_where_no_module_cycle_is():
    """Two modules of one package each importing the other package: no module cycle, one package cycle."""
    first, second = sorted(n for n in MODULES if package_of(n) == "pipeline.batch")[:2]
    third, fourth = sorted(n for n in MODULES if package_of(n) == "pipeline.analytics")[:2]
    graph = {first: {third}, fourth: {second}, second: set(), third: set()}
    assert cycles_in(graph) == []
    assert cycles_in(package_graph(graph)) != []


def test_every_exception_a_user_sees_shares_one_base():
    import pipeline.errors as errors

    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(classes) > 10 and all(issubclass(c, errors.ClaimsError) for c in classes)
    defined_elsewhere = [(name, node.name) for name, path in MODULES.items() if name != "pipeline.errors"
                         for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                         if isinstance(node, ast.ClassDef) and node.name.endswith("Error")]
    assert defined_elsewhere == []
