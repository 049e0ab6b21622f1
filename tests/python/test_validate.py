"""Validation from Python: Diagnostic objects naming rule, severity, path and position."""

from __future__ import annotations

import json
import unittest

import govdisclose
from govdisclose import Diagnostic, Severity


class ValidateTest(unittest.TestCase):
    def test_generated_reports_are_clean(self) -> None:
        for seed in range(20):
            for template in ("2019", "2021"):
                r = govdisclose.generate(seed, template)
                self.assertEqual(r.validate(), [], (seed, template))
                self.assertEqual(govdisclose.validate(r), [])

    def test_a_wrong_row_total_is_named(self) -> None:
        r = govdisclose.generate(30)
        expected = r.applications.withheld.state_secret.total.value
        r.applications.withheld.state_secret.total = expected + 3
        ds = r.validate()
        row_totals = [d for d in ds if d.rule == "applications.row_total"]
        self.assertEqual(len(row_totals), 1)
        d = row_totals[0]
        self.assertIsInstance(d, Diagnostic)
        self.assertEqual(d.severity, Severity.ERROR)
        self.assertEqual(d.level, "error")
        self.assertTrue(d.is_error)
        self.assertEqual(d.path, "applications.withheld.state_secret.total")
        self.assertEqual(d.expected, str(expected))
        self.assertEqual(d.found, str(expected + 3))
        self.assertTrue(d.message)
        self.assertTrue(d.message_en)
        self.assertIn("applications.row_total", str(d))
        self.assertIsInstance(d.position, govdisclose.SourcePosition)

    def test_options_filter_rules(self) -> None:
        r = govdisclose.generate(31, blank_zero_rate=0.5)
        self.assertIn("cell.blank", {d.rule for d in r.validate()})
        self.assertNotIn("cell.blank", {d.rule for d in r.validate(warnings=False)})
        self.assertNotIn("cell.blank", {d.rule for d in r.validate(skip=["cell"])})

    def test_diagnostics_as_json_and_dicts(self) -> None:
        r = govdisclose.generate(32)
        r.reviews.administrative_review.total = 100
        ds = r.validate()
        as_json = json.loads(govdisclose.diagnostics_to_json(ds))
        self.assertEqual([d.to_dict() for d in ds], as_json)
        self.assertEqual([Diagnostic.from_dict(d) for d in as_json], ds)

    def test_the_readers_findings_keep_rows_it_saw_from_being_missing(self) -> None:
        # Two rows whose labels a converter tore away: their numbers stand without a label.
        table = [t for t in govdisclose.catalog("2021")["tables"] if t["code"] == "applications"][0]
        lines = ["三、收到和处理政府信息公开申请情况",
                 "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
        torn = {"partially_granted", "withheld.state_secret"}
        for row in table["rows"]:
            if not row["local"]:
                lines.append(("" if row["code"] in torn else row["label"]) + "\t0" * 7)
        read = govdisclose.read("\n".join(lines) + "\n", "text")
        missing = {d.path for d in read.report.validate() if d.rule == "structure.missing_row"}
        self.assertEqual(missing, {"applications.partially_granted",
                                   "applications.withheld.state_secret"})
        for found in (govdisclose.validate(read.report, reading=read.diagnostics),
                      read.report.validate(reading=read.diagnostics)):
            self.assertNotIn("structure.missing_row", {d.rule for d in found})
            self.assertEqual({d.path for d in found if d.rule == "structure.unidentified_row"},
                             missing)


if __name__ == "__main__":
    unittest.main()
