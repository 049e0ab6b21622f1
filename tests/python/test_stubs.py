"""The typing stubs and docstrings match the module: every public name is listed and documented."""

from __future__ import annotations

import ast
import inspect
import unittest
from typing import Dict, Set

import govdisclose
from govdisclose import _core
from _support import PACKAGE_DIR

STUB = PACKAGE_DIR / "_core.pyi"


def _body_names(body) -> Set[str]:
    names: Set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def stub_tables():
    """(module-level names, {class: member names including stub base classes})."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    members: Dict[str, Set[str]] = {}

    def collect(name: str) -> Set[str]:
        node = classes[name]
        names = _body_names(node.body)
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in classes:
                names |= collect(base.id)
        return names

    for name in classes:
        members[name] = collect(name)
    return _body_names(tree.body), members


def public(names) -> Set[str]:
    return {n for n in names if not n.startswith("_")}


class StubTest(unittest.TestCase):
    def test_the_stubs_list_every_public_name_of_the_module(self) -> None:
        module_names, _ = stub_tables()
        runtime = public(dir(_core)) | {"__version__"}
        self.assertEqual(runtime - module_names, set(), "missing from _core.pyi")
        self.assertEqual(public(module_names) - runtime, set(), "in _core.pyi but not in _core")

    def test_the_stubs_list_every_member_of_every_class(self) -> None:
        _, members = stub_tables()
        for name in public(dir(_core)):
            cls = getattr(_core, name)
            if not inspect.isclass(cls) or issubclass(cls, BaseException):
                continue
            runtime = public(dir(cls)) | {"_fields"}
            with self.subTest(cls=name):
                self.assertIn(name, members)
                self.assertEqual(runtime - members[name], set(), "missing from the stub")
                self.assertEqual(public(members[name]) - runtime, set(), "stale in the stub")

    def test_the_stub_fields_are_the_described_members(self) -> None:
        _, members = stub_tables()
        for name in public(dir(_core)):
            cls = getattr(_core, name)
            if inspect.isclass(cls) and hasattr(cls, "_fields"):
                with self.subTest(cls=name):
                    self.assertTrue(set(cls._fields) <= members[name])

    def test_every_public_name_has_a_docstring(self) -> None:
        for name in govdisclose.__all__:
            self.assertTrue(hasattr(govdisclose, name), name)
            obj = getattr(govdisclose, name)
            if inspect.isclass(obj) or callable(obj):
                with self.subTest(name=name):
                    self.assertTrue((obj.__doc__ or "").strip(), f"{name} has no docstring")
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for member, value in vars(obj).items():
                    if member.startswith("_") or not (callable(value) or isinstance(value, property)
                                                      or hasattr(value, "__get__")):
                        continue
                    doc = getattr(value, "__doc__", None)
                    with self.subTest(name=f"{name}.{member}"):
                        self.assertTrue((doc or "").strip(), f"{name}.{member} has no docstring")

    def test_all_lists_every_public_name_of_the_package(self) -> None:
        defined = {n for n, v in vars(govdisclose).items()
                   if not n.startswith("_") and getattr(v, "__module__", "").startswith("govdisclose")
                   and (inspect.isclass(v) or inspect.isfunction(v) or inspect.isbuiltin(v))}
        self.assertEqual(defined - set(govdisclose.__all__), set())

    def test_the_package_is_typed(self) -> None:
        self.assertTrue((PACKAGE_DIR / "py.typed").exists())


if __name__ == "__main__":
    unittest.main()
