#include <govdisclose/catalog.hpp>
#include <govdisclose/extract.hpp>
#include <govdisclose/readers.hpp>
#include <govdisclose/generate.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/validate.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace govdisclose;

namespace {

constexpr template_id both_templates[] = {template_id::t2019, template_id::t2021};

generate_options options(template_id t, bool local = false, double blank_rate = 0.0) {
  generate_options o;
  o.template_ = t;
  o.local_additions = local;
  o.blank_zero_rate = blank_rate;
  return o;
}

cell& at(report& r, const std::string& path) {
  cell* c = find_cell(r, path);
  REQUIRE_MESSAGE(c != nullptr, path);
  return *c;
}

// "rule@path" for every diagnostic of a severity, in the order given.
std::vector<std::string> keys(const std::vector<diagnostic>& ds, severity s = severity::error) {
  std::vector<std::string> out;
  for (const auto& d : ds)
    if (d.level == s) out.push_back(d.rule + "@" + d.path);
  return out;
}

std::multiset<std::string> key_set(const std::vector<diagnostic>& ds,
                                   severity s = severity::error) {
  const auto k = keys(ds, s);
  return {k.begin(), k.end()};
}

const diagnostic* find(const std::vector<diagnostic>& ds, std::string_view rule,
                       std::string_view path) {
  for (const auto& d : ds)
    if (d.rule == rule && d.path == path) return &d;
  return nullptr;
}

// The six applicant columns: the addends of the row_total equation on `total`.
std::vector<std::string_view> applicant_codes(template_id t) {
  for (const auto& e : catalog(t).table("applications")->column_equations)
    if (e.total == "total") return e.addends;
  return {};
}

void make_absent(report& r, std::string_view prefix) {
  for_each_cell(r, [&](std::string_view p, cell& c) {
    if (p.substr(0, prefix.size()) == prefix && p.size() > prefix.size() &&
        p[prefix.size()] == '.')
      c = cell{};
  });
}

std::string plus_one(report& r, const std::string& path) {
  cell& c = at(r, path);
  REQUIRE(c.is_number());
  c = cell::number(c.value + decimal::whole(1));
  return path;
}

} // namespace

TEST_SUITE("validate") {

TEST_CASE("generated reports of both templates validate with no errors over hundreds of seeds") {
  for (template_id t : both_templates)
    for (bool local : {false, true})
      for (double blank_rate : {0.0, 0.5}) {
        CAPTURE(template_code(t));
        CAPTURE(local);
        CAPTURE(blank_rate);
        std::size_t total_blanks = 0, reports_with_errors = 0, unexpected = 0;
        for (std::uint64_t seed = 0; seed < 300; ++seed) {
          const report r = generate_report(seed, options(t, local, blank_rate));
          const auto ds = validate(r);
          std::size_t blanks = 0;
          for_each_cell(r, [&](std::string_view, const cell& c) {
            blanks += c.state == cell_state::blank ? 1 : 0;
          });
          total_blanks += blanks;
          reports_with_errors += has_errors(ds) ? 1 : 0;
          std::size_t blank_warnings = 0;
          for (const auto& d : ds) {
            if (d.rule == "cell.blank") ++blank_warnings;
            else ++unexpected;
          }
          CHECK_MESSAGE(blank_warnings == blanks, "seed " << seed);
        }
        CHECK(reports_with_errors == 0);
        CHECK(unexpected == 0);
        // The blank runs do exercise blanks counted as 0 in every kind of sum.
        CHECK((total_blanks > 0) == (blank_rate > 0));
      }
}

TEST_CASE("+1 on an applicant cell of a result row breaks that row's total and that column's "
          "results total, not the balance") {
  // The cell is a term of two sums: its row's 总计 (row_total) and its column's （七）总计
  // (results_total). applications.balance reads only new_received, carried_over,
  // total_processed and carried_forward, none of which changed, so it still holds: the two
  // errors intersect exactly at the corrupted cell.
  for (template_id t : both_templates) {
    CAPTURE(template_code(t));
    const report clean = generate_report(7, options(t));
    REQUIRE(validate(clean).empty());
    for (const row_def& row : catalog(t).table("applications")->rows) {
      if (!row.result) continue;
      for (std::string_view col : applicant_codes(t)) {
        report r = clean;
        const std::string row_path = "applications." + std::string(row.code);
        const std::string cell_path = row_path + "." + std::string(col);
        CAPTURE(cell_path);
        plus_one(r, cell_path);
        const auto ds = validate(r);
        const std::string total_path = row_path + ".total";
        const std::string column_total = "applications.total_processed." + std::string(col);
        CHECK(keys(ds) == std::vector<std::string>{"applications.row_total@" + total_path,
                                                   "applications.results_total@" + column_total});
        CHECK(ds.size() == 2);
        const diagnostic* row_total = find(ds, "applications.row_total", total_path);
        REQUIRE(row_total);
        CHECK(row_total->found == at(r, total_path).value.to_string());
        CHECK(row_total->expected == (at(r, total_path).value + decimal::whole(1)).to_string());
        const diagnostic* results = find(ds, "applications.results_total", column_total);
        REQUIRE(results);
        CHECK(results->found == at(r, column_total).value.to_string());
        CHECK(results->expected == (at(r, column_total).value + decimal::whole(1)).to_string());
      }
    }
  }
}

TEST_CASE("with local additions, +1 on a grouped cell also breaks the 小计 row and column") {
  report r = generate_report(11, options(template_id::t2021, true));
  REQUIRE(validate(r).empty());
  plus_one(r, "applications.withheld.state_secret.commercial_enterprise");
  // Four sums contain the cell: the row's 总计 and 法人或其他组织小计, the column's
  // （三）不予公开 小计 and （七）总计.
  CHECK(key_set(validate(r)) ==
        std::multiset<std::string>{
            "applications.row_total@applications.withheld.state_secret.total",
            "applications.row_total@applications.withheld.state_secret.organization_subtotal",
            "applications.results_total@applications.withheld.subtotal.commercial_enterprise",
            "applications.results_total@applications.total_processed.commercial_enterprise"});
}

TEST_CASE("+1 on a total breaks the sums it takes part in") {
  SUBCASE("a result row's total: its row_total and the total column's results_total") {
    // 总计 of （一）予以公开 is the row's sum, and also a term of （七）总计 in the 总计 column.
    report r = generate_report(3, options(template_id::t2021));
    plus_one(r, "applications.granted.total");
    CHECK(keys(validate(r)) ==
          std::vector<std::string>{
              "applications.row_total@applications.granted.total",
              "applications.results_total@applications.total_processed.total"});
  }
  SUBCASE("（七）总计 / 总计: the balance of the 总计 column, results_total and row_total") {
    // The balance is reported at its left-hand side's first cell (一、本年新收 / 总计); for one
    // cell, sums across rows come before the sum within its row.
    report r = generate_report(3, options(template_id::t2021));
    plus_one(r, "applications.total_processed.total");
    CHECK(keys(validate(r)) ==
          std::vector<std::string>{
              "applications.balance@applications.new_received.total",
              "applications.results_total@applications.total_processed.total",
              "applications.row_total@applications.total_processed.total"});
  }
  SUBCASE("a review block's total: block_total only") {
    report r = generate_report(3, options(template_id::t2019));
    plus_one(r, "reviews.litigation_after_review.total");
    CHECK(keys(validate(r)) ==
          std::vector<std::string>{"reviews.block_total@reviews.litigation_after_review.total"});
  }
}

TEST_CASE("a corrupted review cell is caught by its block's total") {
  for (std::string_view block : {"administrative_review", "litigation_direct",
                                 "litigation_after_review"}) {
    report r = generate_report(5, options(template_id::t2021));
    const std::string base = "reviews." + std::string(block);
    plus_one(r, base + ".pending");
    const auto ds = validate(r);
    REQUIRE(keys(ds) == std::vector<std::string>{"reviews.block_total@" + base + ".total"});
    CHECK(ds[0].message.find("尚未审结") != std::string::npos);
  }
}

TEST_CASE("a broken cell gives one error of its own and no sum errors") {
  const std::string path = "applications.withheld.third_party_rights.natural_person";
  struct corruption {
    cell value;
    std::string rule;
  };
  const std::vector<corruption> cases = {
      {classify_cell("见附件"), "cell.not_a_number"},
      {cell::number(-3), "cell.negative"},
      {cell::number(decimal{25, 1}), "cell.not_integer"},
      {cell::number(decimal{-25, 1}), "cell.negative"}, // one message per cell
  };
  for (template_id t : both_templates)
    for (const auto& k : cases) {
      CAPTURE(k.rule);
      report r = generate_report(21, options(t, true));
      at(r, path) = k.value;
      const auto ds = validate(r);
      CHECK(keys(ds) == std::vector<std::string>{k.rule + "@" + path});
      CHECK(ds.size() == 1);
    }
}

TEST_CASE("text in a cell names the text and the cell") {
  report r = generate_report(2, options(template_id::t2021));
  at(r, "proactive.licensing.decisions") = classify_cell("若干");
  const auto ds = validate(r);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "cell.not_a_number");
  CHECK(ds[0].found == "\"若干\"");
  CHECK(ds[0].message.find("行政许可") != std::string::npos);
  CHECK(ds[0].message.find("若干") != std::string::npos);
}

TEST_CASE("a signed count may be negative (2019 本年增/减)") {
  report r = generate_report(4, options(template_id::t2019));
  at(r, "proactive.licensing.items_change") = cell::number(-12);
  CHECK(validate(r).empty());
  at(r, "proactive.licensing.items_change") = cell::number(decimal{-15, 1});
  CHECK(keys(validate(r)) ==
        std::vector<std::string>{"cell.not_integer@proactive.licensing.items_change"});
}

TEST_CASE("the fee in 万元 may have four decimals, not five") {
  report r = generate_report(8, options(template_id::t2021));
  cell& fee = at(r, "proactive.fees.amount");
  fee = cell::number(decimal{123456, 4});
  CHECK(validate(r).empty());
  fee = cell::number(decimal{1234560, 5}); // 123.45600: trailing zeros are not precision
  CHECK(validate(r).empty());
  fee = cell::number(decimal{123456, 5});
  const auto ds = validate(r);
  CHECK(keys(ds).empty());
  CHECK(keys(ds, severity::warning) ==
        std::vector<std::string>{"proactive.fee_precision@proactive.fees.amount"});
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].found == "1.23456");
  // The 2019 procurement amount asks for no precision.
  report old = generate_report(8, options(template_id::t2019));
  at(old, "proactive.procurement.amount") = cell::number(decimal{123456, 5});
  CHECK(validate(old).empty());
}

TEST_CASE("a row made absent gives structure.missing_row only") {
  for (template_id t : both_templates)
    for (bool local : {false, true})
      for (const table_def& table : catalog(t).tables)
        for (const row_def& row : table.rows) {
          if (row.local) continue;
          report r = generate_report(13, options(t, local));
          const std::string row_path = std::string(table.code) + "." + std::string(row.code);
          CAPTURE(row_path);
          CAPTURE(local);
          make_absent(r, row_path);
          const auto ds = validate(r);
          CHECK(keys(ds) == std::vector<std::string>{"structure.missing_row@" + row_path});
          CHECK(ds.size() == 1);
        }
}

TEST_CASE("a group published as its 小计 row alone stands for its member rows") {
  // A 2021 table whose （六）其他处理 (or another group) is one row: the extractor reads it as the
  // group's 小计 and says so; the validator counts it in results_total and reports no member row
  // as missing.
  for (std::string_view group : {"other", "withheld", "unavailable", "not_processed"}) {
    CAPTURE(group);
    for (std::uint64_t seed : {3u, 13u, 23u}) {
      CAPTURE(seed);
      report r = generate_report(seed, options(template_id::t2021, true));
      for (const row_def& row : catalog(template_id::t2021).table("applications")->rows)
        if (row.code.starts_with(std::string(group) + ".") && !row.local)
          make_absent(r, "applications." + std::string(row.code));
      auto ds = validate(r);
      CHECK(keys(ds).empty());
      // The 小计 is checked like any result row: one more in its total breaks （七）总计's sum
      // and its own row's total.
      const std::string total = "applications." + std::string(group) + ".subtotal.total";
      plus_one(r, total);
      ds = validate(r);
      CHECK(key_set(ds) == std::multiset<std::string>{
                               "applications.row_total@" + total.substr(0, total.rfind('.')) +
                                   ".total",
                               "applications.results_total@applications.total_processed.total"});
    }
  }
}

TEST_CASE("a group with some member rows published still misses the others") {
  report r = generate_report(13, options(template_id::t2021, true));
  make_absent(r, "applications.other.overdue_fee");
  make_absent(r, "applications.other.other");
  CHECK(key_set(validate(r)) ==
        std::multiset<std::string>{"structure.missing_row@applications.other.overdue_fee",
                                   "structure.missing_row@applications.other.other"});
  // Without its 小计 row a group whose rows are all absent is missing them all.
  report bare = generate_report(13, options(template_id::t2021, false));
  make_absent(bare, "applications.other.overdue_correction");
  make_absent(bare, "applications.other.overdue_fee");
  make_absent(bare, "applications.other.other");
  CHECK(key_set(validate(bare)) ==
        std::multiset<std::string>{"structure.missing_row@applications.other.overdue_correction",
                                   "structure.missing_row@applications.other.overdue_fee",
                                   "structure.missing_row@applications.other.other"});
}

TEST_CASE("a cell absent from a present row is reported by its path") {
  report r = generate_report(13, options(template_id::t2021));
  at(r, "applications.granted.natural_person") = cell{};
  const auto ds = validate(r);
  CHECK(keys(ds) ==
        std::vector<std::string>{"structure.missing_row@applications.granted.natural_person"});
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("（一）予以公开") != std::string::npos);
  CHECK(ds[0].message_en.find("other cells of its row are present") != std::string::npos);
}

TEST_CASE("a whole table absent gives structure.missing_table only") {
  for (template_id t : both_templates)
    for (const table_def& table : catalog(t).tables) {
      report r = generate_report(17, options(t, true));
      CAPTURE(table.code);
      make_absent(r, table.code);
      const auto ds = validate(r);
      CHECK(keys(ds) ==
            std::vector<std::string>{"structure.missing_table@" + std::string(table.code)});
      CHECK(ds.size() == 1);
      CHECK(ds[0].message.find(std::string(table.title)) != std::string::npos);
    }
  // An empty report: one diagnostic per table, in template order.
  CHECK(keys(validate(make_report(template_id::t2021))) ==
        std::vector<std::string>{"structure.missing_table@proactive",
                                 "structure.missing_table@applications",
                                 "structure.missing_table@reviews"});
}

TEST_CASE("a marker counts as 0 and the sum's message names it") {
  report r = generate_report(9, options(template_id::t2021));
  // Find a non-zero applicant cell of a result row and replace it with "/".
  std::string path;
  for (const row_def& row : catalog(template_id::t2021).table("applications")->rows)
    for (std::string_view col : applicant_codes(template_id::t2021)) {
      const std::string p = "applications." + std::string(row.code) + "." + std::string(col);
      if (path.empty() && row.result && at(r, p).value != decimal{}) path = p;
    }
  REQUIRE(!path.empty());
  at(r, path) = classify_cell("/");
  const auto ds = validate(r);
  CHECK(keys(ds, severity::warning).empty()); // a marker says "none": no cell.blank
  REQUIRE(keys(ds).size() == 2);
  for (const auto& d : ds) {
    CHECK(d.message.find("（“/”）") != std::string::npos);
    CHECK(d.message.find("按0计算") != std::string::npos);
    CHECK(d.message_en.find("(\"/\")") != std::string::npos);
  }
}

TEST_CASE("the seed report: blanks in （一）予以公开 are counted as 0 and said to be") {
  // 郑州市大数据局2022年政府信息公开工作年度报告 (/work/shared/corpus/zhengzhou-bigdata-2022.txt):
  // every data row of its tables as published, cells in template column order.
  const std::vector<std::pair<std::string, std::vector<std::string>>> published = {
      {"proactive.regulations", {"0", "0", "0"}},
      {"proactive.normative_documents", {"0", "0", "0"}},
      {"proactive.licensing", {"0"}},
      {"proactive.penalties", {"0"}},
      {"proactive.coercion", {"0"}},
      {"proactive.fees", {"0"}},
      {"applications.new_received", {"2", "0", "0", "0", "0", "0", "2"}},
      {"applications.carried_over", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.granted", {"", "", "", "", "", "", "2"}},
      {"applications.partially_granted", {"", "", "", "", "", "", "0"}},
      {"applications.withheld.state_secret", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.prohibited_by_law", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.security_and_stability", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.third_party_rights", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.internal_affairs", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.process_information", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.enforcement_files", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.withheld.administrative_query", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.unavailable.not_held", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.unavailable.needs_creation", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.unavailable.unclear_after_correction", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.not_processed.petition_or_complaint", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.not_processed.duplicate", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.not_processed.publication", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.not_processed.excessive", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.not_processed.confirmation", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.other.overdue_correction", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.other.overdue_fee", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.other.other", {"0", "0", "0", "0", "0", "0", "0"}},
      {"applications.total_processed", {"2", "0", "0", "0", "0", "0", "2"}},
      {"applications.carried_forward", {"0", "0", "0", "0", "0", "0", "0"}},
      {"reviews.administrative_review", {"1", "0", "0", "0", "1"}},
      {"reviews.litigation_direct", {"0", "0", "0", "0", "0"}},
      {"reviews.litigation_after_review", {"0", "0", "0", "0", "0"}},
  };
  const template_def& cat = catalog(template_id::t2021);
  report r = make_report(template_id::t2021);
  r.meta.source = "zhengzhou-bigdata-2022.txt";
  for (const auto& entry : published) {
    const std::string& row_path = entry.first;
    const std::vector<std::string>& raws = entry.second;
    const auto loc = cat.locate(row_path + ".x");
    REQUIRE_MESSAGE(loc.row != nullptr, row_path);
    for (std::size_t i = 0; i < raws.size(); ++i)
      at(r, row_path + "." + std::string(loc.row->columns[i].code)) = classify_cell(raws[i]);
  }

  const auto ds = validate(r);
  CHECK(keys(ds) == std::vector<std::string>{
                        "applications.row_total@applications.granted.total",
                        "applications.results_total@applications.total_processed.natural_person"});

  const diagnostic* row_total = find(ds, "applications.row_total", "applications.granted.total");
  REQUIRE(row_total);
  CHECK(row_total->expected == "0"); // six blanks counted as 0
  CHECK(row_total->found == "2");
  CHECK(row_total->position.file == r.meta.source);
  CHECK(row_total->message.find("（一）予以公开") != std::string::npos);
  CHECK(row_total->message.find("自然人（空白）") != std::string::npos);
  CHECK(row_total->message.find("按0计算") != std::string::npos);
  CHECK(row_total->message_en.find("Counted as 0: natural_person (blank)") != std::string::npos);

  const diagnostic* results =
      find(ds, "applications.results_total", "applications.total_processed.natural_person");
  REQUIRE(results);
  CHECK(results->expected == "0"); // （一）and（二）blank, every other result row 0
  CHECK(results->found == "2");
  CHECK(results->message.find("（一）予以公开（空白）") != std::string::npos);

  // The twelve blank applicant cells of （一） and （二）, each a cell.blank warning.
  std::multiset<std::string> blanks;
  for (std::string_view row : {"granted", "partially_granted"})
    for (std::string_view col : applicant_codes(template_id::t2021))
      blanks.insert("cell.blank@applications." + std::string(row) + "." + std::string(col));
  CHECK(blanks.size() == 12);
  CHECK(key_set(ds, severity::warning) == blanks);
  CHECK(ds.size() == 14);

  // The official rule holds in every column: no balance diagnostic, and by hand.
  CHECK(find(ds, "applications.balance", "applications.new_received.natural_person") == nullptr);
  for (const auto& d : ds) CHECK(d.rule != "applications.balance");
  for (const column_def& col : cat.table("applications")->row("new_received")->columns) {
    if (col.local) continue;
    auto v = [&](std::string_view row) {
      return at(r, "applications." + std::string(row) + "." + std::string(col.code)).value;
    };
    CHECK(v("new_received") + v("carried_over") == v("total_processed") + v("carried_forward"));
  }

  SUBCASE("when blanks are not counted as 0 the two sums are not checked") {
    validate_options o;
    o.blank_counts_as_zero = false;
    const auto strict = validate(r, o);
    CHECK(keys(strict).empty());
    CHECK(key_set(strict, severity::warning) == blanks);
  }
}

TEST_CASE("a row_total message carries the row's official label, a results_total message the "
          "column's") {
  for (template_id t : both_templates) {
    const table_def& table = *catalog(t).table("applications");
    for (const row_def& row : table.rows) {
      if (row.local) continue;
      report r = generate_report(23, options(t));
      const std::string path = "applications." + std::string(row.code) + ".total";
      plus_one(r, path);
      const auto ds = validate(r);
      const diagnostic* d = find(ds, "applications.row_total", path);
      REQUIRE_MESSAGE(d, path);
      CHECK(d->message.find(std::string(row.label)) != std::string::npos);
      CHECK(d->message.find("总计") != std::string::npos);
      CHECK(d->message_en.find(path) != std::string::npos);
    }
    report r = generate_report(23, options(t));
    plus_one(r, "applications.granted.legal_service_agency");
    const auto column_ds = validate(r);
    const diagnostic* d = find(column_ds, "applications.results_total",
                               "applications.total_processed.legal_service_agency");
    REQUIRE(d);
    CHECK(d->message.find("“法人或其他组织 法律服务机构”列") != std::string::npos);
    CHECK(d->message.find("（三）不予公开各项") != std::string::npos);
  }
}

TEST_CASE("diagnostics come in template order with their source positions") {
  report r = generate_report(31, options(template_id::t2021));
  r.meta.source = "report.html";
  plus_one(r, "reviews.litigation_direct.upheld");
  at(r, "applications.carried_forward.natural_person") = classify_cell("见附件");
  plus_one(r, "applications.granted.research_institution");
  at(r, "proactive.fees.amount") = cell::number(decimal{-1, 0});
  at(r, "applications.granted.total").span = source_span{12, 5};

  std::map<std::string, std::size_t> order;
  for_each_cell(r, [&](std::string_view p, const cell&) { order.emplace(p, order.size()); });
  const auto ds = validate(r);
  REQUIRE(ds.size() == 5);
  for (std::size_t i = 1; i < ds.size(); ++i) CHECK(order[ds[i - 1].path] <= order[ds[i].path]);
  CHECK(ds.front().rule == "cell.negative");
  CHECK(ds.front().message.find("金额") != std::string::npos);
  CHECK(ds.back().rule == "reviews.block_total");
  for (const auto& d : ds) CHECK(d.position.file == "report.html");
  const diagnostic* located = find(ds, "applications.row_total", "applications.granted.total");
  REQUIRE(located);
  CHECK(located->position.to_string() == "report.html:12:5");
  CHECK(validate(r) == ds); // deterministic
}

TEST_CASE("a report whose tables do not follow its template is checked path by path") {
  // A 2021 report labelled 2019 (as a hand-written JSON file might be): the 2019 catalog finds
  // only the cells whose paths both templates share (licensing.decisions…), no single
  // （六）其他处理 row, and says so with structure diagnostics only: no sum is checked on cells
  // that are not there.
  report r = generate_report(6, options(template_id::t2021));
  r.template_ = template_id::t2019;
  const auto ds = validate(r);
  REQUIRE(!ds.empty());
  for (const auto& d : ds) {
    CAPTURE(d.path);
    CHECK(d.rule == "structure.missing_row");
    CHECK((d.path.rfind("proactive.", 0) == 0 || d.path == "applications.other"));
  }
  CHECK(find(ds, "structure.missing_row", "applications.other") != nullptr);
  CHECK(find(ds, "structure.missing_row", "proactive.procurement") != nullptr);
  // Cells both templates share are found: 行政许可 处理决定数量 is there, its neighbours are not.
  CHECK(find(ds, "structure.missing_row", "proactive.licensing") == nullptr);
  CHECK(find(ds, "structure.missing_row", "proactive.licensing.items_change") != nullptr);
}

TEST_CASE("options leave out warnings or whole families of rules") {
  report r = generate_report(1, options(template_id::t2021, false, 0.7));
  at(r, "applications.granted.natural_person") = classify_cell("若干");
  const auto all = validate(r);
  REQUIRE(count(all, severity::warning) > 0);
  REQUIRE(count(all, severity::error) == 1);

  validate_options quiet;
  quiet.warnings = false;
  CHECK(validate(r, quiet) == std::vector<diagnostic>{*find(all, "cell.not_a_number",
                                                            "applications.granted.natural_person")});
  validate_options no_cells;
  no_cells.skip_rules = {"cell"};
  CHECK(validate(r, no_cells).empty());
  validate_options no_blank;
  no_blank.skip_rules = {"cell.blank", "cel"}; // "cel" is no rule family: it leaves nothing out
  CHECK(keys(validate(r, no_blank)) == keys(all));
  CHECK(count(validate(r, no_blank), severity::warning) == 0);
}

}

TEST_SUITE("validate") {

TEST_CASE("validate also checks the narrative against the tables unless told not to") {
  govdisclose::report r = govdisclose::generate_report(11);
  const auto& apps = std::get<govdisclose::applications_2021>(r.applications);
  const auto stated = apps.new_received.total.value + apps.carried_over.total.value +
                      govdisclose::decimal::whole(1000);
  r.narrative.applications = "本年度共收到政府信息公开申请" + stated.to_string() + "件。";
  auto has_rule = [](const std::vector<govdisclose::diagnostic>& ds, std::string_view rule) {
    return std::any_of(ds.begin(), ds.end(), [&](const auto& d) { return d.rule == rule; });
  };
  CHECK(has_rule(govdisclose::validate(r), "narrative.count_mismatch"));
  govdisclose::validate_options off;
  off.narrative = false;
  CHECK_FALSE(has_rule(govdisclose::validate(r, off), "narrative.count_mismatch"));
  govdisclose::validate_options skipped;
  skipped.skip_rules = {"narrative"};
  CHECK_FALSE(has_rule(govdisclose::validate(r, skipped), "narrative.count_mismatch"));
}

TEST_CASE("absent rows as many as the table's unlabelled data rows are unidentified, not missing") {
  // A converter tore two rows' labels away: their numbers stand in the table without a label
  // (structure.unlabelled_row, said by the reader). The two template rows not found by label may
  // be those rows: structure.unidentified_row (a warning), not structure.missing_row.
  std::string text = "三、收到和处理政府信息公开申请情况\n"
                     "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n";
  for (const row_def& row : catalog(template_id::t2021).table("applications")->rows) {
    if (row.local) continue;
    const bool torn = row.code == "partially_granted" || row.code == "withheld.state_secret";
    text += (torn ? std::string() : std::string(row.label)) + "\t0\t0\t0\t0\t0\t0\t0\n";
  }
  const auto got = extract_report(read_text(text).value);
  std::size_t unlabelled = 0;
  for (const auto& d : got.diagnostics) unlabelled += d.rule == "structure.unlabelled_row";
  REQUIRE(unlabelled == 2);
  const auto alone = validate(got.value);
  REQUIRE(find(alone, "structure.missing_row", "applications.partially_granted"));
  const auto ds = validate(got.value, got.diagnostics);
  CHECK_FALSE(find(ds, "structure.missing_row", "applications.partially_granted"));
  CHECK_FALSE(find(ds, "structure.missing_row", "applications.withheld.state_secret"));
  const diagnostic* u = find(ds, "structure.unidentified_row", "applications.partially_granted");
  REQUIRE(u);
  CHECK(u->level == severity::warning);
  CHECK(find(ds, "structure.unidentified_row", "applications.withheld.state_secret"));
  // More absent rows than unlabelled ones: some are surely missing; all are still said missing.
  report fewer = got.value;
  make_absent(fewer, "applications.carried_over");
  CHECK(find(validate(fewer, got.diagnostics), "structure.missing_row",
             "applications.partially_granted"));
}

}
