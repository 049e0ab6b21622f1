"""Pickling: exact, versioned, and tolerant of older states."""

from __future__ import annotations

import pickle
import unittest
from decimal import Decimal

import govdisclose
from govdisclose import Cell


class PickleTest(unittest.TestCase):
    def test_pickle_round_trips_are_exact_for_every_protocol(self) -> None:
        r = govdisclose.generate(21, blank_zero_rate=0.4, local_additions=True)
        r.proactive.fees.amount = Decimal("12.3400")
        r.applications.granted.natural_person = Cell("／")
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(r, protocol))
            self.assertEqual(back, r)
            self.assertEqual(back.to_json(), r.to_json())
            self.assertEqual(str(back.proactive.fees.amount.value), "12.3400")
            self.assertEqual(back.applications.granted.natural_person.raw, "／")
        old = govdisclose.generate(22, "2019")
        self.assertEqual(pickle.loads(pickle.dumps(old)), old)
        self.assertEqual(pickle.loads(pickle.dumps(old)).template, "2019")

    def test_provenance_survives_pickling(self) -> None:
        c = Cell("1,200")
        c.span = govdisclose.SourceSpan(line=3, column=14)
        back = pickle.loads(pickle.dumps(c))
        self.assertEqual((back.raw, back.span.line, back.span.column), ("1,200", 3, 14))

    def test_the_state_is_versioned(self) -> None:
        row = govdisclose.ApplicantRow(total=Cell(3))
        version, state = row.__getstate__()
        self.assertEqual(version, govdisclose.PICKLE_VERSION)
        self.assertEqual(set(state), set(govdisclose.ApplicantRow._fields))
        newer = govdisclose.ApplicantRow()
        with self.assertRaisesRegex(ValueError, "newer"):
            newer.__setstate__((govdisclose.PICKLE_VERSION + 1, state))
        # An older state without a member leaves it at its default.
        older = govdisclose.ApplicantRow()
        del state["organization_subtotal"]
        older.__setstate__((1, state))
        self.assertEqual(older, row)

    def test_diagnostics_pickle(self) -> None:
        r = govdisclose.generate(23)
        r.applications.granted.total = 10**6
        ds = r.validate()
        self.assertTrue(ds)
        self.assertEqual(pickle.loads(pickle.dumps(ds)), ds)


if __name__ == "__main__":
    unittest.main()
