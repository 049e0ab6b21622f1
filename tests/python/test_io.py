"""Reading and writing: every input kind of read(), canonical JSON and dict round trips."""

from __future__ import annotations

import json
import os
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path

import govdisclose
from govdisclose import InputError, Report


def sample_reports():
    """Reports of both templates, with blanks, markers, text and 4-decimal fees."""
    for seed in range(12):
        template = "2019" if seed % 3 == 0 else "2021"
        r = govdisclose.generate(seed, template, blank_zero_rate=0.3,
                                 local_additions=seed % 2 == 0)
        if seed % 4 == 1:
            r.reviews.litigation_direct.other = "／"
            r.applications.carried_over.natural_person = "见说明"
        yield r


class JsonTest(unittest.TestCase):
    def test_json_round_trips_are_exact(self) -> None:
        for r in sample_reports():
            text = govdisclose.to_json(r)
            back = govdisclose.from_json(text)
            self.assertEqual(back, r)
            self.assertEqual(back.to_json(), text)  # byte-identical
            self.assertEqual(Report.from_json(r.to_json(indent=0)), r)

    def test_dict_form_is_the_json_shape(self) -> None:
        for r in sample_reports():
            d = govdisclose.to_dict(r)
            self.assertEqual(d, json.loads(r.to_json(), parse_float=Decimal))
            self.assertEqual(govdisclose.from_dict(d), r)

    def test_fee_keeps_four_decimals(self) -> None:
        r = govdisclose.generate(3)
        r.proactive.fees.amount = Decimal("0.0001")
        back = govdisclose.from_json(r.to_json())
        self.assertEqual(back.proactive.fees.amount.value, Decimal("0.0001"))
        self.assertIn('"amount": 0.0001', r.to_json())

    def test_bad_json_raises_input_error_with_diagnostics(self) -> None:
        with self.assertRaises(InputError) as caught:
            govdisclose.from_json('{"template": "2021", "applications": {"granted": {"total": [1]}}}')
        self.assertIsInstance(caught.exception, ValueError)
        rules = [d.rule for d in caught.exception.diagnostics]
        self.assertIn("json.type", rules)
        with self.assertRaises(InputError) as caught:
            govdisclose.from_json("{ not json")
        self.assertEqual(caught.exception.diagnostics[0].rule, "json.syntax")
        self.assertGreater(caught.exception.diagnostics[0].position.line, 0)
        partial = govdisclose.from_json("{ not json", strict=False)
        self.assertIsInstance(partial, Report)

    def test_from_dict_names_the_bad_path(self) -> None:
        with self.assertRaisesRegex(ValueError, r"applications\.granted\.total"):
            govdisclose.from_dict({"template": "2021",
                                   "applications": {"granted": {"total": [1]}}})
        with self.assertRaisesRegex(ValueError, r"applications\.granted\.nope"):
            govdisclose.from_dict({"template": "2021", "applications": {"granted": {"nope": 1}}})
        with self.assertRaisesRegex(ValueError, "template"):
            govdisclose.from_dict({"template": "1999"})


class ReadTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.report = govdisclose.generate(11)
        self.path = Path(self.dir.name) / "report.json"
        self.path.write_text(self.report.to_json(), encoding="utf-8")

    def test_read_takes_paths_bytes_and_text(self) -> None:
        for source in (str(self.path), self.path, self.path.read_bytes(),
                       self.path.read_text(encoding="utf-8")):
            result = govdisclose.read(source)
            self.assertTrue(result.ok, result.diagnostics)
            self.assertEqual(result.report, self.report)
            report, diagnostics = result  # unpacks as a pair
            self.assertEqual(diagnostics, [])
        self.assertEqual(govdisclose.read(self.path, "json").report, self.report)
        self.assertEqual(govdisclose.read(self.path, govdisclose.Format.JSON).report, self.report)

    def test_an_unreadable_file_is_a_diagnostic_not_a_crash(self) -> None:
        result = govdisclose.read(os.path.join(self.dir.name, "missing.json"))
        self.assertFalse(result.ok)
        self.assertEqual(result.diagnostics[0].rule, "input.unreadable")
        with self.assertRaises(InputError) as caught:
            result.raise_for_errors()
        self.assertEqual(caught.exception.diagnostics[0].rule, "input.unreadable")
        with self.assertRaises(InputError):
            govdisclose.read(os.path.join(self.dir.name, "missing.json"), strict=True)
        with self.assertRaises(ValueError):
            govdisclose.read(self.path, "docx2")
        with self.assertRaises(TypeError):
            govdisclose.read(42)  # type: ignore[arg-type]

    def test_format_detection(self) -> None:
        self.assertEqual(govdisclose.detect_format(self.path.read_bytes()), "json")
        self.assertEqual(govdisclose.detect_format(b"<html><body><table></table></body></html>"),
                         "html")

    def test_a_thread_pool_reads_what_one_thread_reads(self) -> None:
        paths = []
        for seed in range(16):
            p = Path(self.dir.name) / f"r{seed}.json"
            p.write_text(govdisclose.generate(seed).to_json(), encoding="utf-8")
            paths.append(p)
        one = govdisclose.read_many(paths, threads=1)
        four = govdisclose.read_many(paths, threads=4)
        self.assertEqual([r.report for r in one], [r.report for r in four])
        self.assertEqual([r.report for r in four], [govdisclose.generate(s) for s in range(16)])

    def test_rendered_documents_hold_the_numbers(self) -> None:
        html = self.report.render("html")
        self.assertIn("<table", html)
        self.assertIn(str(self.report.applications.total_processed.total.value), html)
        with self.assertRaises(ValueError):
            self.report.render("pdf")


if __name__ == "__main__":
    unittest.main()
