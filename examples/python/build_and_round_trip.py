"""Build a report in code, then check that JSON, dict and pickle round trips are exact."""

import pickle
from decimal import Decimal

import govdisclose
from govdisclose import Cell

report = govdisclose.Report("2021")
report.meta.agency = "某市示例局"
report.meta.year = 2023
row = report.applications.new_received
row.natural_person = 3
row.commercial_enterprise = 1
row.total = 4
report.proactive.fees.amount = Decimal("0.0001")  # 1 元, exact
report.reviews.administrative_review.upheld = Cell("/")  # a published "none" marker

print(report)
print(row)
assert govdisclose.from_json(report.to_json()) == report
assert govdisclose.from_dict(report.to_dict()) == report
assert pickle.loads(pickle.dumps(report)) == report
print(report.to_json(indent=0)[:120], "...")
for d in report.validate(warnings=False)[:5]:
    print(d)
