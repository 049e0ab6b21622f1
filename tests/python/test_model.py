"""The report model in Python: attributes named by the template codes, cells, equality, copies."""

from __future__ import annotations

import copy
import unittest
from decimal import Decimal

import govdisclose
from govdisclose import Cell, CellState, Report


class ModelTest(unittest.TestCase):
    def test_attributes_follow_the_template_codes(self) -> None:
        r = govdisclose.generate(1)
        row = r.applications.withheld.state_secret
        self.assertIsInstance(row, govdisclose.ApplicantRow)
        self.assertIsInstance(row.total, Cell)
        self.assertEqual(r.template, "2021")
        self.assertIsInstance(r.proactive, govdisclose.Proactive2021)
        self.assertIsInstance(r.applications, govdisclose.Applications2021)
        self.assertEqual(
            govdisclose.ApplicantRow._fields,
            ("natural_person", "commercial_enterprise", "research_institution",
             "social_welfare_organization", "legal_service_agency", "other_organization",
             "total", "organization_subtotal"))
        old = govdisclose.generate(1, "2019")
        self.assertEqual(old.template, "2019")
        self.assertIsInstance(old.proactive, govdisclose.Proactive2019)
        self.assertIsInstance(old.applications.other, govdisclose.ApplicantRow)

    def test_nested_attributes_are_live_views_into_the_report(self) -> None:
        r = govdisclose.generate(2)
        total = r.applications.granted.total
        total.value = 12345
        self.assertEqual(r.applications.granted.total.value, 12345)
        r.applications.granted.natural_person = 7
        self.assertEqual(r["applications.granted.natural_person"].value, 7)
        del r  # the view keeps the report alive
        self.assertEqual(total.value, 12345)

    def test_cells_hold_state_exact_value_and_raw_text(self) -> None:
        self.assertEqual(Cell().state, "absent")
        self.assertEqual(Cell(None).state, CellState.BLANK)
        self.assertIsNone(Cell(None).value)
        self.assertEqual(Cell(5).value, 5)
        self.assertIsInstance(Cell(5).value, int)
        fee = Cell(Decimal("0.0001"))
        self.assertEqual(fee.value, Decimal("0.0001"))
        self.assertIsInstance(fee.value, Decimal)
        self.assertEqual(Cell("／").state, "marker")
        self.assertEqual(Cell("／").raw, "／")
        self.assertEqual(Cell("１２").value, 12)
        self.assertEqual(Cell("1,200").raw, "1,200")
        self.assertEqual(Cell("见附件").state, "text")
        self.assertEqual(Cell.parse(" 3 ").value, 3)
        self.assertEqual(Cell(Decimal("1.50")), Cell(Decimal("1.5")))
        self.assertNotEqual(Cell(0), Cell(None))
        with self.assertRaises(TypeError):
            Cell(1.5)  # floats are never exact enough

    def test_repr_is_readable_and_leaves_out_absent_cells(self) -> None:
        row = govdisclose.ApplicantRow(natural_person=Cell(2), total=Cell(2))
        self.assertEqual(repr(row), "ApplicantRow(natural_person=Cell(2), total=Cell(2))")
        self.assertEqual(repr(Cell(Decimal("1.5000"))), "Cell(Decimal('1.5000'))")
        self.assertEqual(eval(repr(row), vars(govdisclose) | {"Decimal": Decimal}), row)
        r = govdisclose.generate(4)
        self.assertTrue(repr(r).startswith("Report(template='2021', agency="))
        with self.assertRaises(TypeError):
            govdisclose.ApplicantRow(no_such_column=Cell(1))

    def test_equality_compares_content(self) -> None:
        a, b = govdisclose.generate(5), govdisclose.generate(5)
        self.assertEqual(a, b)
        self.assertNotEqual(a, govdisclose.generate(6))
        b.reviews.administrative_review.upheld = 99
        self.assertNotEqual(a, b)
        self.assertNotEqual(a, "not a report")
        with self.assertRaises(TypeError):
            hash(a)

    def test_copies_are_independent(self) -> None:
        r = govdisclose.generate(7)
        for c in (copy.copy(r), copy.deepcopy(r)):
            self.assertEqual(c, r)
            c.applications.granted.total = 1000
            self.assertNotEqual(c, r)
        row = copy.deepcopy(r.applications.granted)
        row.total = 5000
        self.assertNotEqual(r.applications.granted.total.value, 5000)

    def test_paths_address_every_cell(self) -> None:
        r = govdisclose.generate(8)
        paths = [p for p, _ in r.cells()]
        self.assertIn("applications.withheld.state_secret.total", paths)
        self.assertEqual(len(paths), len(set(paths)))
        for path, c in r.cells():
            self.assertEqual(r[path], c)
        with self.assertRaises(KeyError):
            r["applications.no_such_row.total"]
        r["reviews.litigation_direct.total"] = Cell("/")
        self.assertEqual(r.reviews.litigation_direct.total.state, "marker")

    def test_an_empty_report_has_every_cell_absent(self) -> None:
        for template in ("2019", "2021"):
            r = Report(template)
            self.assertEqual(r.template, template)
            self.assertEqual(r.cells(), [])
            self.assertGreater(len(r.cells(include_absent=True)), 200)
        with self.assertRaises((TypeError, ValueError)):
            Report("2020")
        with self.assertRaises(AttributeError):
            Report().template = "2019"  # type: ignore[misc]

    def test_catalog_names_every_row(self) -> None:
        cat = govdisclose.catalog("2021")
        apps = next(t for t in cat["tables"] if t["code"] == "applications")
        codes = {row["code"] for row in apps["rows"]}
        self.assertIn("withheld.state_secret", codes)
        r = govdisclose.generate(9)
        for rec in r.to_records():
            if rec["table"] == "applications":
                self.assertIn(rec["row"], codes)


if __name__ == "__main__":
    unittest.main()
