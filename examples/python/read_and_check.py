"""Read a published report, look at its numbers and check it against the template's rules.

Usage: python3 read_and_check.py [REPORT]   (default: the seed report's JSON in tests/data)
"""

import sys
from pathlib import Path

import govdisclose

default = Path(__file__).resolve().parents[2] / "tests" / "data" / "zhengzhou-bigdata-2022.json"
path = Path(sys.argv[1]) if len(sys.argv) > 1 else default

report, diagnostics = govdisclose.read(path)
for d in diagnostics:  # problems met while reading (none for a well-formed file)
    print("read:", d)

apps = report.applications
print(report.meta.title)
print("template:", report.template)
print("new applications:", apps.new_received.total.value)
print("granted:", apps.granted.total.value,
      "(natural persons:", apps.granted.natural_person.state + ")")

problems = report.validate()
for d in problems:
    print(f"{d.severity}: {d.rule} at {d.path}: expected {d.expected}, found {d.found}")
    print("   ", d.message)
errors = [d for d in problems if d.severity == govdisclose.Severity.ERROR]
print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)")
assert apps.new_received.total.value == 2 or path != default
