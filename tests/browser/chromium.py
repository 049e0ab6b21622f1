"""Headless Chromium for the browser tests (check_page.py, check_charts.py, check_notebook.py).

One place for the plumbing they share: the skip when Chromium is missing, a throw-away profile,
the flags that keep it off the network, the DOM after the page's scripts ran, and a screenshot.
"""
import html.parser
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


def begin(argv, names, default_shot):
    """The command line of a browser test: `names` (its arguments before an optional screenshot
    path, the Chromium program among them as "chromium"), the screenshot path (`default_shot` in
    the work folder when none is given), a fresh work folder. Returns (args, shot); exits 2 after
    the usage, SKIP when Chromium is missing."""
    if len(argv) < len(names) + 1:
        print(sys.modules["__main__"].__doc__)
        sys.exit(2)
    args = dict(zip(names, argv[1:]))
    work = args["work"]
    shot = argv[len(names) + 1] if len(argv) > len(names) + 1 else os.path.join(work, default_shot)
    if missing(args["chromium"]):
        sys.exit(SKIP)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    return args, shot


class Page(html.parser.HTMLParser):
    """A page's DOM read by a test: the text of the `<pre>` with id `pre_id` (a self-test's
    result or a probe's output) and every reference to something outside the page. Subclasses
    read their own elements in start(tag, attrs) and end(tag)."""

    def __init__(self, pre_id):
        super().__init__()
        self.pre_id = pre_id
        self.result = ""
        self.external = []  # (tag, attribute, value)
        self._in_pre = False

    def start(self, tag, a):
        """An element's start tag, its attributes as a dict."""

    def end(self, tag):
        """An element's end tag."""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.start(tag, a)
        if tag == "pre" and a.get("id") == self.pre_id:
            self._in_pre = True
        for key in ("src", "href", "xlink:href"):
            v = a.get(key)
            if v and not v.startswith("#"):
                self.external.append((tag, key, v))

    def handle_endtag(self, tag):
        self.end(tag)
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_pre:
            self.result += data


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

    def self_tested(self, url, dom):
        """The inspection page at `url` read into `dom` (a Page reading "gd-selftest-result")
        after its self-test ran; fails unless the self-test says OK and the page refers to
        nothing outside itself."""
        dom.feed(self.dump_dom(url + "#gd-selftest"))
        if not dom.result.startswith("OK"):
            fail(f"self-test: {dom.result or 'no result (script did not run)'}")
        if dom.external:
            fail(f"page refers to outside resources: {dom.external[:5]}")
        return dom

    def screenshot(self, url, path, window):
        """A PNG of the page at `window` ("width,height"); fails when none (or a blank) is made."""
        r = run([self.program] + self._flags() +
                ["--hide-scrollbars", "--window-size=" + window, "--virtual-time-budget=3000",
                 "--screenshot=" + path, url])
        if r.returncode != 0 or not os.path.exists(path) or \
                os.path.getsize(path) < 10000:
            fail(f"screenshot failed: {r.stderr.decode()[-2000:]}")
