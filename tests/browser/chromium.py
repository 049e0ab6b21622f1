"""Headless Chromium for the browser tests (check_page.py, check_charts.py, check_notebook.py).

One place for the plumbing they share: the skip when Chromium is missing, a throw-away profile,
the flags that keep it off the network, the DOM after the page's scripts ran, and a screenshot.
"""
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77  # CTest's SKIP_RETURN_CODE


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(cmd, **kw):
    """A program's run, its output captured (generous timeout: two cores shared)."""
    return subprocess.run(cmd, capture_output=True, timeout=180, **kw)


def missing(program):
    """True (and says so) when the Chromium program is not installed: the test is skipped."""
    if shutil.which(program) or os.path.exists(program):
        return False
    print("chromium not found: skipped")
    return True


class Chromium:
    """A headless Chromium with its own profile, removed on leaving the `with` block."""

    def __init__(self, program):
        self.program = program
        self.profile = None

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="gd-chromium-")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.profile, ignore_errors=True)
        return False

    def _flags(self):
        return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + self.profile]

    def dump_dom(self, url):
        """The DOM after the page's scripts ran, as text (fails the test when Chromium does)."""
        r = run([self.program] + self._flags() + ["--dump-dom", url])
        if r.returncode != 0 or not r.stdout:
            fail(f"chromium --dump-dom failed ({r.returncode}): {r.stderr.decode()[-2000:]}")
        return r.stdout.decode("utf-8")

    def screenshot(self, url, path, window):
        """A PNG of the page at `window` ("width,height"); fails when none (or a blank) is made."""
        r = run([self.program] + self._flags() +
                ["--hide-scrollbars", "--window-size=" + window, "--virtual-time-budget=3000",
                 "--screenshot=" + path, url])
        if r.returncode != 0 or not os.path.exists(path) or \
                os.path.getsize(path) < 10000:
            fail(f"screenshot failed: {r.stderr.decode()[-2000:]}")
