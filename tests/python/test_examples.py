"""The examples under examples/python run and exit cleanly (CTest also runs each on its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import unittest

from _support import SOURCE_DIR

EXAMPLES = sorted((SOURCE_DIR / "examples" / "python").glob("*.py"))


class ExamplesTest(unittest.TestCase):
    def test_there_are_examples(self) -> None:
        self.assertGreaterEqual(len(EXAMPLES), 3)

    def test_every_example_runs(self) -> None:
        for example in EXAMPLES:
            with self.subTest(example=example.name):
                done = subprocess.run([sys.executable, str(example)], capture_output=True,
                                      text=True, timeout=120, env=dict(os.environ))
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertTrue(done.stdout.strip())


if __name__ == "__main__":
    unittest.main()
