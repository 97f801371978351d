"""The shape of the house (docs/architecture.md), checked on the source tree itself.

- views never import the database or the card stack (they go through services);
- no import circles among module-level imports (what runs when a module is imported);
- no source file over 600 lines (Alembic revision files excepted: generated schema, never edited);
- one folder per desk, the same names under services/ and views/, each saying what it does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "backoffice"
MAX_LINES = 600
DESKS = ("applications", "points", "orders", "refunds", "finance")


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "migrations" not in p.parts)


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module_name(path).split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(path: Path, *, module_level_only: bool) -> set[str]:
    """Modules imported by ``path`` (``from a import b`` yields ``a.b`` too when that is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(path, node)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If) and module_level_only:
                test = node.test
                is_type_checking = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                    isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
                if not is_type_checking:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try) and module_level_only:
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.finalbody)
    if module_level_only:
        visit(tree.body)
    else:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                visit([node])
    return found


def test_views_never_import_the_database_or_the_card_stack() -> None:
    offenders = []
    for path in sorted((PKG / "views").rglob("*.py")):
        for name in imports(path, module_level_only=False):
            if name == "backoffice.db" or name.startswith(("backoffice.db.", "backoffice.smartcard")):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_walk_finds_an_import_where_there_is_one(tmp_path: Path) -> None:
    """The checker itself: a function-level import of the card stack is found."""
    fake = PKG / "views" / "x.py"
    src = tmp_path / "x.py"
    src.write_text("def f():\n    from backoffice.smartcard import pkcs11\n", encoding="utf-8")
    tree_imports = imports(src, module_level_only=False)
    assert "backoffice.smartcard.pkcs11" in tree_imports
    assert module_name(fake) == "backoffice.views.x"


def test_no_import_circles_at_run_time() -> None:
    modules = {module_name(p): p for p in source_files()}
    graph = {
        name: {dep for dep in imports(path, module_level_only=True) if dep in modules and dep != name}
        for name, path in modules.items()
    }
    # A package's __init__ importing its own submodules is how packages re-export: not a circle.
    for name in graph:
        graph[name] = {d for d in graph[name] if not d.startswith(name + ".")}
    cycles = strongly_connected(graph)
    assert [sorted(c) for c in cycles if len(c) > 1] == []


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []
    counter = [0]

    def connect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            result.append(component)

    for v in graph:
        if v not in index:
            connect(v)
    return result


def test_the_circle_finder_finds_a_circle() -> None:
    cycles = strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert [sorted(c) for c in cycles if len(c) > 1] == [["a", "b", "c"]]


def test_no_source_file_over_600_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in source_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.mark.parametrize("desk", DESKS)
def test_each_desk_has_a_folder_on_both_sides_that_says_what_it_does(desk: str) -> None:
    for side in ("services", "views"):
        init = PKG / side / desk / "__init__.py"
        assert init.is_file(), f"{side}/{desk} is missing"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{side}/{desk}/__init__.py must say what the desk does"
    service_doc = ast.get_docstring(ast.parse((PKG / "services" / desk / "__init__.py").read_text("utf-8")))
    assert service_doc and "RULES.md §" in service_doc


def test_services_take_a_typed_unit_of_work_and_actor_never_any() -> None:
    """The unit of work is ``UnitOfWork`` and the acting officer ``Actor`` in every service signature."""
    untyped = []
    for path in sorted((PKG / "services").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            for arg in args:
                if arg.arg in {"uow", "officer", "supervisor", "viewer"} and (
                        arg.annotation is None or ast.unparse(arg.annotation) == "Any"):
                    untyped.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}({arg.arg})")
    assert untyped == []
