"""Comparing reports from Python: diff, rollup, check_rollup, check_series and derive."""

from __future__ import annotations

import copy
import csv
import io
import json
import pickle
import unittest
from decimal import Decimal

import govdisclose
from govdisclose import CellChange, DerivedFigures, ReportDiff, Severity, TextChange


def numbers(report: govdisclose.Report) -> dict:
    """{path: value} for the number cells of a report."""
    return {p: c.value for p, c in report.cells() if c.state == "number"}


class DiffTest(unittest.TestCase):
    def test_a_report_equals_itself_and_its_copy(self) -> None:
        r = govdisclose.generate(41)
        for other in (r, copy.deepcopy(r), govdisclose.from_json(r.to_json())):
            d = govdisclose.diff(r, other)
            self.assertIsInstance(d, ReportDiff)
            self.assertTrue(d.equal)
            self.assertEqual((d.cells, d.narrative, d.meta), ([], [], []))
            self.assertEqual(d.to_text(), "")

    def test_a_changed_number_is_one_cell_change_with_its_delta(self) -> None:
        a = govdisclose.generate(42)
        b = copy.deepcopy(a)
        path = "applications.new_received.natural_person"
        before = a[path].value
        b[path] = before + 3
        d = govdisclose.diff(a, b)
        self.assertFalse(d.equal)
        self.assertEqual(len(d.cells), 1)
        change = d.cells[0]
        self.assertIsInstance(change, CellChange)
        self.assertEqual(change.path, path)
        self.assertTrue(change.label)
        self.assertNotEqual(change.label, path)  # a Chinese label from the catalog
        self.assertEqual(change.before.state, "number")
        self.assertEqual(change.before.value, before)
        self.assertEqual(change.after.value, before + 3)
        self.assertEqual(change.delta, 3)
        self.assertFalse(change.state_changed)

    def test_a_state_change_has_no_delta(self) -> None:
        a = govdisclose.generate(43)
        b = copy.deepcopy(a)
        b["applications.granted.total"] = None  # blank
        c = copy.deepcopy(a)
        c["applications.granted.total"] = "/"
        for other, state in ((b, "blank"), (c, "marker")):
            d = govdisclose.diff(a, other)
            self.assertEqual([x.path for x in d.cells], ["applications.granted.total"])
            self.assertTrue(d.cells[0].state_changed)
            self.assertEqual(d.cells[0].after.state, state)
            self.assertIsNone(d.cells[0].delta)

    def test_exact_decimals_give_exact_deltas(self) -> None:
        a = govdisclose.generate(44)
        b = copy.deepcopy(a)
        a["proactive.fees.amount"] = Decimal("1.25")
        b["proactive.fees.amount"] = Decimal("3.5")
        d = govdisclose.diff(a, b)
        self.assertEqual(len(d.cells), 1)
        self.assertEqual(d.cells[0].delta, Decimal("3.5") - Decimal("1.25"))

    def test_narrative_and_meta_changes_are_text_changes(self) -> None:
        a = govdisclose.generate(45)
        b = copy.deepcopy(a)
        b.narrative.overview = a.narrative.overview + "（更正）"
        b.meta.title = "另一个标题"
        d = govdisclose.diff(a, b)
        self.assertEqual(d.cells, [])
        self.assertEqual([t.field for t in d.narrative], ["narrative.overview"])
        self.assertIsInstance(d.narrative[0], TextChange)
        self.assertEqual(d.narrative[0].after, b.narrative.overview)
        self.assertIn("meta.title", [t.field for t in d.meta])

    def test_provenance_is_compared_only_when_asked(self) -> None:
        a = govdisclose.generate(46)
        b = copy.deepcopy(a)
        b.meta.source = "elsewhere.json"
        self.assertTrue(govdisclose.diff(a, b).equal)
        self.assertFalse(govdisclose.diff(a, b, provenance=True).equal)

    def test_reports_of_two_templates_differ_in_template_and_cells(self) -> None:
        d = govdisclose.diff(govdisclose.generate(47, "2019"), govdisclose.generate(47, "2021"))
        self.assertIn("template", [t.field for t in d.meta])
        self.assertIn("absent", {c.before.state for c in d.cells})

    def test_the_writers_agree_with_the_objects(self) -> None:
        a, b = govdisclose.generate(48), govdisclose.generate(49)
        d = govdisclose.diff(a, b)
        self.assertGreater(len(d.cells), 0)
        parsed = json.loads(d.to_json())
        self.assertFalse(parsed["equal"])
        self.assertEqual([c["path"] for c in parsed["cells"]], [c.path for c in d.cells])
        rows = list(csv.reader(io.StringIO(d.to_csv())))
        self.assertEqual(rows[0], ["path", "label", "before_state", "before", "after_state",
                                   "after", "delta"])
        self.assertEqual([r[0] for r in rows[1:]],
                         [t.field for t in d.meta] + [t.field for t in d.narrative]
                         + [c.path for c in d.cells])
        text = d.to_text()
        for c in d.cells:
            self.assertIn(c.path, text)

    def test_results_are_accepted_and_diffs_pickle(self) -> None:
        r = govdisclose.generate(50)
        res = govdisclose.read(r.to_json())
        d = govdisclose.diff(res, govdisclose.generate(51))
        self.assertEqual(pickle.loads(pickle.dumps(d)), d)
        self.assertIn("ReportDiff(", repr(d))
        with self.assertRaises(TypeError):
            govdisclose.diff(r, "not a report")  # type: ignore[arg-type]


class RollupTest(unittest.TestCase):
    def members(self):
        return [govdisclose.generate(seed) for seed in (61, 62, 63)]

    def test_every_number_is_the_members_sum(self) -> None:
        members = self.members()
        result = govdisclose.rollup(members)
        self.assertIsInstance(result, govdisclose.Result)
        self.assertTrue(result.ok, result.diagnostics)
        summary, _ = result
        sums = numbers(summary)
        per_member = [numbers(m) for m in members]
        self.assertGreater(len(sums), 50)
        for path, value in sums.items():
            self.assertEqual(value, sum(m.get(path, 0) for m in per_member), path)
        self.assertEqual(govdisclose.check_rollup(summary, members), [])

    def test_a_wrong_summary_cell_is_a_rollup_sum_warning(self) -> None:
        members = self.members()
        summary = govdisclose.rollup(members).report
        path = "applications.new_received.total"
        summary[path] = summary[path].value + 1
        ds = govdisclose.check_rollup(summary, members)
        self.assertEqual([(d.rule, d.path) for d in ds], [("rollup.sum", path)])
        self.assertEqual(ds[0].severity, Severity.WARNING)

    def test_markers_are_not_summed_and_say_so(self) -> None:
        members = self.members()
        members[1]["applications.granted.total"] = "无"
        result = govdisclose.rollup(members)
        self.assertTrue(result.ok)
        warnings = [d for d in result.diagnostics if d.rule == "rollup.not_summed"]
        self.assertEqual([d.path for d in warnings], ["applications.granted.total"])
        self.assertEqual(result.report["applications.granted.total"].value,
                         members[0]["applications.granted.total"].value
                         + members[2]["applications.granted.total"].value)

    def test_bad_member_sets_are_errors_not_exceptions(self) -> None:
        mixed = govdisclose.rollup([govdisclose.generate(1, "2019"), govdisclose.generate(2)])
        self.assertFalse(mixed.ok)
        self.assertIn("rollup.template", [d.rule for d in mixed.errors])
        empty = govdisclose.rollup([])
        self.assertFalse(empty.ok)
        self.assertIn("rollup.empty", [d.rule for d in empty.errors])


class SeriesTest(unittest.TestCase):
    def pair(self):
        last = govdisclose.generate(71)
        this = govdisclose.generate(72)
        for column in govdisclose.ApplicantRow._fields:
            this["applications.carried_over." + column] = \
                last["applications.carried_forward." + column]
        return last, this

    def test_carried_over_matching_last_year_is_clean(self) -> None:
        last, this = self.pair()
        ds = govdisclose.check_series(last, this)
        self.assertEqual([d for d in ds if d.rule == "across_years.carry_over"], [])

    def test_a_wrong_carry_over_is_named_at_this_years_cell(self) -> None:
        last, this = self.pair()
        path = "applications.carried_over.natural_person"
        this[path] = (this[path].value or 0) + 2
        ds = [d for d in govdisclose.check_series(last, this)
              if d.rule == "across_years.carry_over"]
        self.assertEqual([d.path for d in ds], [path])
        self.assertEqual(ds[0].severity, Severity.WARNING)
        self.assertTrue(ds[0].message and ds[0].message_en)

    def test_consecutive_pairs_match_agency_and_year(self) -> None:
        reports = []
        for seed, agency, year in ((1, "甲局", 2022), (2, "乙局", 2021), (3, "甲局", 2021),
                                   (4, "乙局", 2023)):
            r = govdisclose.generate(seed)
            r.meta.agency = agency
            r.meta.year = year
            reports.append(r)
        self.assertEqual(govdisclose.consecutive_pairs(reports), [(2, 0)])


class DeriveTest(unittest.TestCase):
    def test_figures_follow_from_the_tables(self) -> None:
        r = govdisclose.generate(81)
        r["reviews.administrative_review.corrected"] = 1
        r["reviews.administrative_review.total"] = 4
        f = govdisclose.derive(r)
        self.assertIsInstance(f, DerivedFigures)
        granted = (r["applications.granted.total"].value
                   + r["applications.partially_granted.total"].value)
        processed = r["applications.total_processed.total"].value
        self.assertAlmostEqual(f.disclosure_rate, float(granted) / float(processed))
        self.assertAlmostEqual(f.review_correction_rate, 0.25)
        self.assertIsNone(f.new_received_change)
        self.assertIsNone(f.new_received_growth)

    def test_a_zero_denominator_is_none_never_zero(self) -> None:
        r = govdisclose.generate(82)
        for path in ("reviews.administrative_review.corrected",
                     "reviews.administrative_review.total"):
            r[path] = 0
        f = govdisclose.derive(r)
        self.assertIsNone(f.review_correction_rate)
        self.assertNotIn("review_correction_rate", f.to_dict())

    def test_year_over_year_figures_need_last_year(self) -> None:
        last, this = govdisclose.generate(83), govdisclose.generate(84)
        last["applications.new_received.total"] = 8
        this["applications.new_received.total"] = 10
        f = govdisclose.derive(this, last_year=last)
        self.assertEqual(f.new_received_change, 2.0)
        self.assertAlmostEqual(f.new_received_growth, 0.25)
        last["applications.new_received.total"] = 0
        g = govdisclose.derive(this, last)
        self.assertEqual(g.new_received_change, 10.0)
        self.assertIsNone(g.new_received_growth)


if __name__ == "__main__":
    unittest.main()
