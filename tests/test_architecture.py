"""The shape of the house: apps import each other in one direction only, no file grows past 500
lines, and each refusal sentence is written once (docs/architecture.md)."""

from __future__ import annotations

import ast
import collections
import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gpai_cases"
MAX_LINES = 500


def _python_files(*roots: Path) -> list[Path]:
    return sorted(f for root in roots for f in root.rglob("*.py") if "migrations" not in f.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_imports(path: Path) -> list[str]:
    """The modules a file imports when it is imported: module-level statements only (not inside
    functions, not under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text())
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.append(node.module)
    return found


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "gpai_cases" or len(parts) < 2:
        return None
    return None if parts[1] in {"settings", "urls", "wsgi", "celery"} else parts[1]


def app_graph() -> dict[str, dict[str, list[str]]]:
    """app → {app it imports: [the modules that do]}, from module-level imports."""
    graph: dict[str, dict[str, list[str]]] = collections.defaultdict(dict)
    for path in _python_files(PACKAGE):
        source = _app_of(_module_name(path))
        if source is None:
            continue
        for imported in _top_level_imports(path):
            target = _app_of(imported)
            if target and target != source:
                graph[source].setdefault(target, []).append(_module_name(path))
    return graph


def _cycle(graph: dict[str, dict[str, list[str]]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_of_the_apps_has_no_cycle():
    graph = app_graph()
    cycle = _cycle(graph)
    if cycle:
        edges = [
            f"{a} → {b} (in {', '.join(sorted(set(graph[a][b])))})"
            for a, b in itertools.pairwise(cycle)
        ]
        pytest.fail("The apps import each other in a circle:\n  " + "\n  ".join(edges))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b": []}, "b": {}}) is None


def test_core_and_accounts_import_no_domain_app():
    graph = app_graph()
    assert set(graph.get("core", {})) == set()
    assert set(graph.get("accounts", {})) <= {"core"}


def test_the_lifecycle_knows_neither_letters_nor_doors():
    """Letters follow from recorded events; the procedure does not call them."""
    assert not {"letters", "portal", "workspace", "api", "register", "demo"} & set(
        app_graph().get("cases", {})
    )


def test_no_python_file_is_longer_than_500_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _python_files(PACKAGE, ROOT / "tests", ROOT / "bench")
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


#: Calls whose string arguments are sentences shown to a user who is refused something.
REFUSING_CALLS = {
    "ActionRefused",
    "PermissionDenied",
    "ValidationError",
    "UploadRefused",
    "FlopParseError",
    "Http404",
    "refused_with",
    "add_error",
    "error",  # messages.error
    "append",  # reasons.append
    "problem",
}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def refusal_sentences() -> dict[str, list[str]]:
    """Each refusal sentence written as a literal, with where it is written."""
    found: dict[str, list[str]] = collections.defaultdict(list)
    for path in _python_files(PACKAGE):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or _call_name(node) not in REFUSING_CALLS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                for text, line in _texts(arg):
                    if len(text.split()) >= 3:
                        found[text].append(f"{path.relative_to(ROOT)}:{line}")
    return found


def _texts(node: ast.AST) -> list[tuple[str, int]]:
    """The string literals in an expression; an f-string as one text, with its placeholders."""
    if isinstance(node, ast.JoinedStr):
        return [(ast.unparse(node), node.lineno)]
    if isinstance(node, ast.Constant):
        return [(node.value, node.lineno)] if isinstance(node.value, str) else []
    return [t for child in ast.iter_child_nodes(node) for t in _texts(child)]


def test_each_refusal_sentence_is_written_once():
    twice = {s: where for s, where in refusal_sentences().items() if len(where) > 1}
    assert twice == {}


def test_the_refusal_finder_sees_the_permissions_and_guards():
    sentences = refusal_sentences()
    assert "Only an admin publishes the public list." in sentences
    assert "Give a reason for the withdrawal." in sentences
