"""The package exports its API only: dir(govdisclose) shows __all__, the private extension and
dunder names, not the modules and typing names its code uses (issue 13)."""

import unittest

import govdisclose


class NamespaceTest(unittest.TestCase):
    def test_every_public_name_is_in_all(self):
        public = {n for n in dir(govdisclose) if not n.startswith("_")}
        self.assertEqual(sorted(public - set(govdisclose.__all__)), [])

    def test_every_name_in_all_exists(self):
        for name in govdisclose.__all__:
            self.assertTrue(hasattr(govdisclose, name), name)

    def test_helpers_are_not_exported(self):
        for name in ("os", "enum", "html", "itertools", "Any", "List", "Optional", "Union",
                     "ThreadPoolExecutor", "NamedTuple", "annotations"):
            self.assertNotIn(name, dir(govdisclose), name)

    def test_all_lists_each_name_once(self):
        self.assertEqual(len(govdisclose.__all__), len(set(govdisclose.__all__)))


if __name__ == "__main__":
    unittest.main()
