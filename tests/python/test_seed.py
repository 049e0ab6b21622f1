"""The real seed report (郑州市大数据局 2022): its JSON fixture and, when the text reader and
extractor can read it, the published text."""

from __future__ import annotations

import pickle
import unittest

import govdisclose
from _support import SEED_JSON, SEED_TEXT


@unittest.skipUnless(SEED_JSON.exists(), "tests/data/zhengzhou-bigdata-2022.json is missing")
class SeedJsonTest(unittest.TestCase):
    def test_the_seed_reads_with_its_published_numbers(self) -> None:
        result = govdisclose.read(SEED_JSON)
        self.assertTrue(result.ok, result.diagnostics)
        r = result.report
        self.assertEqual(r.template, "2021")
        self.assertEqual(r.applications.new_received.total.value, 2)
        self.assertEqual(r.applications.granted.natural_person.state, "blank")

    def test_validation_names_the_row_total_rule(self) -> None:
        r = govdisclose.read(SEED_JSON).report
        rules = {d.rule for d in r.validate()}
        self.assertIn("applications.row_total", rules)

    def test_the_failed_sums_carry_the_hint_natural_person_2(self) -> None:
        r = govdisclose.read(SEED_JSON).report
        hinted = [d for d in r.validate() if d.hint is not None]
        self.assertEqual({d.rule for d in hinted},
                         {"applications.row_total", "applications.results_total"})
        for d in hinted:
            self.assertEqual(d.hint.status, "unique")
            self.assertEqual(d.hint.alternatives, 1)
            (fix,) = d.hint.fixes
            (c,) = fix.cells
            self.assertEqual((c.path, c.current, c.suggested),
                             ("applications.granted.natural_person", "blank", "2"))
            self.assertTrue(d.hint.message.startswith("提示："))
            self.assertEqual(d.to_dict()["hint"]["fixes"][0]["cells"][0]["suggested"], "2")
            self.assertEqual(pickle.loads(pickle.dumps(d)), d)
        # Findings that are not failed sums have no hint (and no "hint" key in their dict).
        plain = [d for d in r.validate() if d.rule == "cell.blank"]
        self.assertIsNone(plain[0].hint)
        self.assertNotIn("hint", plain[0].to_dict())

    def test_the_seed_round_trips_exactly(self) -> None:
        r = govdisclose.read(SEED_JSON).report
        self.assertEqual(govdisclose.from_json(r.to_json()), r)
        self.assertEqual(pickle.loads(pickle.dumps(r)), r)
        self.assertEqual(govdisclose.from_dict(r.to_dict()), r)


@unittest.skipUnless(SEED_TEXT.exists(), "tests/data/zhengzhou-bigdata-2022.txt is missing")
class SeedTextTest(unittest.TestCase):
    def test_the_published_text_reads_like_the_fixture(self) -> None:
        result = govdisclose.read(SEED_TEXT)
        if any(d.rule == "input.unsupported_format" for d in result.diagnostics):
            self.skipTest("the text reader and extractor have not landed")
        r = result.report
        self.assertEqual(r.applications.new_received.total.value, 2)
        self.assertIn("applications.row_total", {d.rule for d in r.validate()})


if __name__ == "__main__":
    unittest.main()
