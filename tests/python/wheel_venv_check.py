"""Install the built package as a wheel into a fresh venv and import it from outside the tree.

Run by CTest (python_wheel_venv): the in-tree backend zips the staged package (the extension
CMake built plus the Python files) into a wheel; a new venv of ``--python`` (Debian's
/usr/bin/python3 by default) installs it with pip, offline; then that venv's interpreter, started
in an empty directory, imports govdisclose and reads, validates and round-trips a report.
Exits 77 (CTest: skipped) when the interpreter or its venv module is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHECK = r"""
import os, pickle, sys
import govdisclose
assert govdisclose.__file__.startswith(sys.prefix), govdisclose.__file__  # the venv's copy
r = govdisclose.generate(3)
assert govdisclose.from_json(r.to_json()) == r
assert pickle.loads(pickle.dumps(r)) == r
assert r.validate() == []
r.applications.granted.total = r.applications.granted.total.value + 1
assert "applications.row_total" in {d.rule for d in r.validate()}
print("imported", govdisclose.__version__, "from", os.path.dirname(govdisclose.__file__))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", required=True, help="the source tree")
    parser.add_argument("--stage", required=True, help="the staged package's parent directory")
    parser.add_argument("--work", required=True, help="a scratch directory (recreated)")
    parser.add_argument("--python", default="/usr/bin/python3", help="the venv's interpreter")
    args = parser.parse_args()

    if not os.path.exists(args.python):
        print(f"skipped: no {args.python}")
        return 77
    probe = subprocess.run([args.python, "-c", "import venv, ensurepip"], capture_output=True)
    if probe.returncode != 0:
        print(f"skipped: {args.python} has no venv/ensurepip (apt install python3-venv)")
        return 77

    sys.path.insert(0, str(Path(args.source) / "bindings" / "python" / "backend"))
    import govdisclose_build

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    wheel = work / "dist" / govdisclose_build.wheel_from_stage(args.stage, str(work / "dist"))
    print("wheel:", wheel.name)

    venv = work / "venv"
    subprocess.run([args.python, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-deps", "-q",
                    str(wheel)], check=True, env=env)
    with tempfile.TemporaryDirectory() as outside:
        subprocess.run([str(python), "-c", CHECK],
                       check=True, cwd=outside, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
