"""An in-tree PEP 517 build backend for govdisclose, written with the standard library only.

``python3 -m pip install .`` runs it (``pyproject.toml``: ``requires = []``,
``build-backend = "govdisclose_build"``, ``backend-path = ["bindings/python/backend"]``), so the
package installs on a machine with no package index: no setuptools, no ``wheel``. It drives
CMake to build the extension ``govdisclose._core`` together with the C++ library, then zips the
staged package into a wheel (``*.dist-info`` with ``METADATA``, ``WHEEL`` and ``RECORD``).

Knobs (environment variables, or ``--config-settings`` keys in parentheses):

- ``GOVDISCLOSE_BUILD_DIR`` (``build-dir``): the CMake build directory; by default
  ``build/python-<tag>-<hash>`` in the source tree, reused by later builds.
- ``GOVDISCLOSE_BUILD_TYPE`` (``build-type``): the CMake build type, ``Release`` by default.
- ``CMAKE_BUILD_PARALLEL_LEVEL`` (``jobs``): parallel compile jobs, 2 by default.
- ``GOVDISCLOSE_CMAKE_ARGS`` (``cmake-args``): extra arguments for the CMake configure step.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

__all__ = [
    "build_sdist", "build_wheel", "get_requires_for_build_sdist", "get_requires_for_build_wheel",
    "prepare_metadata_for_build_wheel", "wheel_from_stage",
]

ROOT = Path(__file__).resolve().parents[3]
"""The source tree (this file is bindings/python/backend/govdisclose_build.py)."""

NAME = "govdisclose"
SUMMARY = ("Read, validate and tabulate China's annual reports on open government information")


def _version(root: Path = ROOT) -> str:
    """The project version, from ``project(govdisclose VERSION x.y.z)`` in CMakeLists.txt."""
    text = (root / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*govdisclose\s+VERSION\s+([0-9][0-9.]*)", text)
    if not match:
        raise RuntimeError("no project(govdisclose VERSION ...) in CMakeLists.txt")
    return match.group(1)


def _project_table(root: Path = ROOT) -> Dict[str, object]:
    """The [project] table of pyproject.toml (tomllib on 3.11+, else the built-in defaults)."""
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python < 3.11: fall back to the defaults below
        return {}
    with open(root / "pyproject.toml", "rb") as f:
        return dict(tomllib.load(f).get("project", {}))


def _metadata(root: Path = ROOT) -> str:
    """Core metadata 2.1 (the METADATA file)."""
    project = _project_table(root)
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {NAME}",
        f"Version: {_version(root)}",
        f"Summary: {project.get('description', SUMMARY)}",
        f"Requires-Python: {project.get('requires-python', '>=3.8')}",
    ]
    for classifier in project.get("classifiers", []) or []:
        lines.append(f"Classifier: {classifier}")
    extras = project.get("optional-dependencies", {"dataframe": ["pandas"]}) or {}
    for extra, requirements in extras.items():  # type: ignore[union-attr]
        lines.append(f"Provides-Extra: {extra}")
        for requirement in requirements:
            lines.append(f'Requires-Dist: {requirement}; extra == "{extra}"')
    readme = root / "docs" / "python.md"
    body = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if body:
        lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + body


def _tag() -> str:
    """The wheel tag of the running interpreter: ``cp311-cp311-linux_x86_64``."""
    impl = {"cpython": "cp", "pypy": "pp"}.get(sys.implementation.name, "py")
    version = f"{sys.version_info.major}{sys.version_info.minor}"
    abi = f"{impl}{version}{getattr(sys, 'abiflags', '')}"
    platform = re.sub(r"[^A-Za-z0-9_]", "_", sysconfig.get_platform())
    return f"{impl}{version}-{abi}-{platform}"


def _dist_info() -> str:
    return f"{NAME}-{_version()}.dist-info"


def _wheel_file(tag: str) -> str:
    return ("Wheel-Version: 1.0\n"
            f"Generator: govdisclose_build {_version()}\n"
            "Root-Is-Purelib: false\n"
            f"Tag: {tag}\n")


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def _setting(config: Optional[dict], key: str, env: str, default: str) -> str:
    if config and config.get(key):
        return str(config[key])
    return os.environ.get(env) or default


def _log(message: str) -> None:
    print(f"govdisclose_build: {message}", file=sys.stderr, flush=True)


# ---- PEP 517 hooks ---------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: Optional[dict] = None) -> List[str]:
    """Nothing: the backend needs the standard library, CMake and a C++ toolchain only."""
    return []


def get_requires_for_build_sdist(config_settings: Optional[dict] = None) -> List[str]:
    """Nothing: an sdist is a tar file of the sources."""
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[dict] = None) -> str:
    """Write the ``.dist-info`` directory (METADATA and WHEEL) without building anything."""
    dist_info = Path(metadata_directory) / _dist_info()
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(), encoding="utf-8")
    (dist_info / "WHEEL").write_text(_wheel_file(_tag()), encoding="utf-8")
    return dist_info.name


def build_wheel(wheel_directory: str, config_settings: Optional[dict] = None,
                metadata_directory: Optional[str] = None) -> str:
    """Configure and build the extension with CMake, then zip the staged package as a wheel."""
    stage = _cmake_build(config_settings)
    return wheel_from_stage(stage, wheel_directory)


def build_sdist(sdist_directory: str, config_settings: Optional[dict] = None) -> str:
    """A ``.tar.gz`` of what building needs: CMake files, headers, sources, the bindings."""
    base = f"{NAME}-{_version()}"
    name = f"{base}.tar.gz"
    keep = ["CMakeLists.txt", "CMakePresets.json", "pyproject.toml", "README.md", "LICENSE",
            "cmake", "include", "src", "bindings/python", "docs/python.md"]
    os.makedirs(sdist_directory, exist_ok=True)
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for entry in keep:
            path = ROOT / entry
            if not path.exists():
                continue
            files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
            for f in files:
                rel = f.relative_to(ROOT)
                if "__pycache__" in rel.parts or f.suffix == ".pyc":
                    continue
                tar.add(str(f), arcname=f"{base}/{rel.as_posix()}", recursive=False)
        pkg_info = ("\n".join(_metadata().split("\n\n", 1)[0].splitlines()) + "\n").encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        tar.addfile(info, io.BytesIO(pkg_info))
    return name


# ---- building and packing --------------------------------------------------------------------

def _cmake_build(config: Optional[dict]) -> Path:
    """Configure (once) and build the extension; returns the staged package's parent directory."""
    cmake = shutil.which("cmake")
    if not cmake:
        raise RuntimeError("govdisclose needs CMake >= 3.25 to build (apt install cmake)")
    interpreter = os.path.realpath(sys.executable)
    key = hashlib.sha1(interpreter.encode()).hexdigest()[:8]
    default_dir = ROOT / "build" / f"python-{_tag()}-{key}"
    build_dir = Path(_setting(config, "build-dir", "GOVDISCLOSE_BUILD_DIR", str(default_dir)))
    build_type = _setting(config, "build-type", "GOVDISCLOSE_BUILD_TYPE", "Release")
    jobs = _setting(config, "jobs", "CMAKE_BUILD_PARALLEL_LEVEL", "2")
    extra = shlex.split(_setting(config, "cmake-args", "GOVDISCLOSE_CMAKE_ARGS", ""))

    configure = [cmake, "-S", str(ROOT), "-B", str(build_dir),
                 f"-DCMAKE_BUILD_TYPE={build_type}",
                 "-DGOVDISCLOSE_BUILD_PYTHON=ON",
                 "-DGOVDISCLOSE_BUILD_TESTS=OFF",
                 "-DGOVDISCLOSE_BUILD_EXAMPLES=OFF",
                 "-DGOVDISCLOSE_BUILD_CLI=OFF",
                 "-DGOVDISCLOSE_BUILD_DOCS=OFF",
                 "-DGOVDISCLOSE_INSTALL=OFF",
                 f"-DPython_EXECUTABLE={sys.executable}"] + extra
    if not (build_dir / "CMakeCache.txt").exists() and shutil.which("ninja"):
        configure[1:1] = ["-G", "Ninja"]
    _log(f"configuring in {build_dir}")
    subprocess.run(configure, check=True, stdout=sys.stderr)
    _log(f"building with {jobs} jobs")
    subprocess.run([cmake, "--build", str(build_dir), "--target", "govdisclose_python",
                    "--parallel", jobs], check=True, stdout=sys.stderr)
    stage = build_dir / "bindings" / "python" / "stage"
    if not (stage / NAME / "__init__.py").exists():
        raise RuntimeError(f"the build did not stage the package in {stage}")
    return stage


def wheel_from_stage(stage: "os.PathLike[str] | str", wheel_directory: str,
                     tag: Optional[str] = None) -> str:
    """Zip a staged ``govdisclose`` package (extension + Python files) into a wheel.

    Used by build_wheel() and by the test that installs the wheel into a fresh venv.
    @return the wheel's file name (in ``wheel_directory``).
    """
    stage = Path(stage)
    tag = tag or _tag()
    name = f"{NAME}-{_version()}-{tag}.whl"
    dist_info = _dist_info()
    files: List[Tuple[str, bytes]] = []
    for f in sorted((stage / NAME).rglob("*")):
        rel = f.relative_to(stage)
        if not f.is_file() or "__pycache__" in rel.parts or f.suffix == ".pyc":
            continue
        files.append((rel.as_posix(), f.read_bytes()))
    if not any(path.startswith(f"{NAME}/_core") for path, _ in files):
        raise RuntimeError(f"no compiled govdisclose._core in {stage / NAME}")
    files.append((f"{dist_info}/METADATA", _metadata().encode("utf-8")))
    files.append((f"{dist_info}/WHEEL", _wheel_file(tag).encode("utf-8")))
    files.append((f"{dist_info}/top_level.txt", f"{NAME}\n".encode("utf-8")))

    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for path, data in files:
        writer.writerow([path, _record_hash(data), str(len(data))])
    writer.writerow([f"{dist_info}/RECORD", "", ""])

    os.makedirs(wheel_directory, exist_ok=True)
    target = os.path.join(wheel_directory, name)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as whl:
        for path, data in files + [(f"{dist_info}/RECORD", record.getvalue().encode("utf-8"))]:
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            is_ext = path.endswith((".so", ".pyd"))
            info.external_attr = (0o755 if is_ext else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    _log(f"wrote {target}")
    return name
