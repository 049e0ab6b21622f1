"""Tidy records and DataFrames across several reports."""

from __future__ import annotations

import unittest
from decimal import Decimal

import govdisclose

try:
    import pandas
except ImportError:  # pandas is optional
    pandas = None


class RecordsTest(unittest.TestCase):
    def test_one_record_per_present_cell(self) -> None:
        r = govdisclose.generate(40, blank_zero_rate=0.3)
        records = r.to_records()
        self.assertEqual(len(records), len(r.cells()))
        for rec, (path, c) in zip(records, r.cells()):
            self.assertEqual(".".join([rec["table"], rec["row"], rec["column"]]), path)
            self.assertEqual(rec["state"], c.state)
            self.assertEqual(rec["value"], c.value)
        self.assertEqual(len(r.to_records(include_absent=True)), len(r.cells(include_absent=True)))

    def test_records_across_reports_carry_the_report(self) -> None:
        reports = [govdisclose.generate(s) for s in range(3)]
        rows = govdisclose.to_records(reports)
        self.assertEqual(len(rows), sum(len(r.cells()) for r in reports))
        self.assertEqual(list(rows[0]), list(govdisclose.RECORD_COLUMNS))
        self.assertEqual({row["agency"] for row in rows}, {r.meta.agency for r in reports})
        fee = [row for row in rows if row["row"] == "fees"]
        self.assertTrue(all(isinstance(row["value"], Decimal) for row in fee))

    @unittest.skipIf(pandas is None, "pandas is not installed")
    def test_dataframe_across_reports(self) -> None:
        reports = [govdisclose.generate(s) for s in range(5)]
        df = govdisclose.to_dataframe(reports)
        self.assertEqual(list(df.columns), list(govdisclose.RECORD_COLUMNS))
        self.assertEqual(len(df), sum(len(r.cells()) for r in reports))
        totals = df[(df.table == "applications") & (df.row == "new_received")
                    & (df.column == "total")]
        self.assertEqual(list(totals.value),
                         [r.applications.new_received.total.value for r in reports])
        self.assertEqual(len(reports[0].to_dataframe()), len(reports[0].cells()))


if __name__ == "__main__":
    unittest.main()
