// The inspection page: a batch's results as one self-contained HTML page.
//
// The tables are render_document()'s: to know which grid position shows which model cell, the
// report is rendered a second time with every cell replaced by a unique sentinel text (cells
// the layout leaves out stay absent, so both grids have the same shape), and the sentinels are
// read back position by position. The layout is therefore never written twice.
#include "batch/batch_detail.hpp"
#include "write/html_escape.hpp"

#include <govdisclose/catalog.hpp>
#include <govdisclose/compare.hpp>
#include <govdisclose/inspection_page.hpp>
#include <govdisclose/reflect.hpp>
#include <govdisclose/render.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace govdisclose {
namespace detail {
namespace {

constexpr std::string_view sentinel_prefix = "\x1fgd:";

std::string escape(std::string_view s) {
  std::string out;
  append_html_escaped(out, s);
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) {
    if (!s.empty()) s += ' ';
    s += w;
  }
  return s;
}

// The path of every rendered grid position, from a sentinel rendering.
struct rendered {
  document doc;                                  // the report's own rendering
  std::vector<std::vector<std::vector<int>>> at; // [table block][row][col] → cell index, or -1
  std::vector<std::string> paths;                // cell index → model path
  bool mapped = true;                            // false when the two renderings differ in shape
};

rendered render_with_paths(const report& r) {
  rendered out;
  out.doc = render_document(r);
  report marked = r;
  const template_def& cat = catalog(r.template_);
  for_each_cell(marked, [&](std::string_view path, cell& c) {
    // Local rows and columns are laid out only when present: keep their presence as it is.
    const cell_location loc = cat.locate(path);
    const bool local = !loc || loc.row->local || loc.column->local;
    if (!c.present() && local) return;
    const std::size_t index = out.paths.size();
    out.paths.emplace_back(path);
    c = cell{cell_state::text, {}, std::string(sentinel_prefix) + std::to_string(index), {}};
  });
  const document probe = render_document(marked);
  std::size_t b = 0, p = 0;
  const auto next_table = [](const document& d, std::size_t& i) -> const block* {
    for (; i < d.blocks.size(); ++i)
      if (d.blocks[i].kind == block_kind::table) return &d.blocks[i++];
    return nullptr;
  };
  while (const block* t = next_table(out.doc, b)) {
    const block* q = next_table(probe, p);
    std::vector<std::vector<int>> grid(t->table.rows.size());
    for (std::size_t y = 0; y < t->table.rows.size(); ++y) {
      grid[y].assign(t->table.rows[y].size(), -1);
      if (!q || y >= q->table.rows.size() || q->table.rows[y].size() != t->table.rows[y].size()) {
        out.mapped = false;
        continue;
      }
      for (std::size_t x = 0; x < grid[y].size(); ++x) {
        const table_cell& c = q->table.rows[y][x];
        if (c.covered || c.header || !c.text.starts_with(sentinel_prefix)) continue;
        grid[y][x] = std::stoi(c.text.substr(sentinel_prefix.size()));
      }
    }
    out.at.push_back(std::move(grid));
  }
  return out;
}

struct summary_line {
  std::string path, anchor, reason;
  batch_status status = batch_status::pass;
  std::size_t errors = 0, warnings = 0;
  std::vector<std::string> rules;
};

constexpr std::string_view page_style = R"(
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.5em; }
#gd-page { display: flex; flex-direction: column; }
#gd-summary { order: -1; }
.gd-filters { margin: 0.5em 0; }
.gd-filters label { margin-right: 1.5em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #888; padding: 0.15em 0.45em; }
th { background: #f0f0f0; font-weight: normal; }
.gd-list td.gd-num, .gd-rules td.gd-num { text-align: right; }
tr.gd-status-pass td.gd-status { color: #1a7f37; }
tr.gd-status-fail td.gd-status { color: #c62828; font-weight: bold; }
tr.gd-status-unreadable td.gd-status { color: #8a5300; font-weight: bold; }
.gd-report { border-top: 2px solid #555; margin-top: 2em; }
.gd-report h2 { font-size: 1.15em; }
.gd-report h3 { font-size: 1em; margin: 1em 0 0.2em; }
.gd-body { display: flex; gap: 1.5em; align-items: flex-start; }
.gd-tables { flex: 3; overflow-x: auto; }
.gd-diags { flex: 2; position: sticky; top: 0; max-height: 95vh; overflow-y: auto; }
.gd-diags ol { padding-left: 1.6em; }
.gd-diag { margin: 0.3em 0; cursor: pointer; }
.gd-diag a { color: inherit; text-decoration: none; }
.gd-diag.gd-error .gd-level { color: #c62828; }
.gd-diag.gd-warning .gd-level { color: #8a5300; }
.gd-rule { font-family: monospace; font-size: 0.85em; color: #555; }
td.gd-marked { cursor: pointer; }
td.gd-error { background: #ffd6d6; outline: 2px solid #c62828; }
td.gd-warning { background: #fff2c2; }
td.gd-hinted::after { content: " \2192  " attr(data-hint); color: #1565c0; font-weight: bold; }
.gd-hint { color: #1565c0; }
.gd-focus { box-shadow: 0 0 0 3px #1565c0; background-color: #d6e8ff !important; }
.gd-hidden { display: none; }
.gd-reason { color: #8a5300; }
.gd-chart, .gd-trend { margin: 0.8em 0; }
.gd-chart figcaption, .gd-trend figcaption { font-weight: bold; margin-bottom: 0.2em; }
.gd-bar { cursor: pointer; }
.gd-bar rect { fill: #c9a227; }
.gd-bar.gd-error rect { fill: #c62828; }
.gd-bar:hover rect, .gd-bar.gd-selected rect { stroke: #1565c0; stroke-width: 2; }
.gd-axis, .gd-value { font-size: 12px; fill: #333; }
.gd-trends { display: flex; flex-wrap: wrap; gap: 1em; }
.gd-trend { border: 1px solid #ccc; padding: 0.4em; }
.gd-line { fill: none; stroke: #1565c0; stroke-width: 2; }
.gd-baseline { stroke: #999; }
.gd-point { fill: #1565c0; }
.gd-point.gd-carry-fail { fill: #c62828; stroke: #222; }
.gd-note { font-size: 0.9em; color: #555; }
)";

constexpr std::string_view page_script = R"(
(function () {
  'use strict';
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function byIds(list) {
    return (list || '').split(' ').filter(Boolean).map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
  }
  function focus(els) {
    all('.gd-focus').forEach(function (e) { e.classList.remove('gd-focus'); });
    els.forEach(function (e) { e.classList.add('gd-focus'); });
  }
  // A diagnostic → its cells; a marked cell → its diagnostics.
  function showDiag(li) {
    var cells = byIds(li.getAttribute('data-cells'));
    focus([li].concat(cells));
    if (cells.length && cells[0].scrollIntoView) cells[0].scrollIntoView({block: 'center'});
    return cells;
  }
  function showCell(td) {
    var diags = byIds(td.getAttribute('data-diags'));
    focus([td].concat(diags));
    if (diags.length && diags[0].scrollIntoView) diags[0].scrollIntoView({block: 'nearest'});
    return diags;
  }
  document.addEventListener('click', function (ev) {
    var li = ev.target.closest('.gd-diag');
    if (li) { ev.preventDefault(); showDiag(li); return; }
    var td = ev.target.closest('td.gd-marked');
    if (td) showCell(td);
  });
  // Filters by status and by rule, over the summary lines and the report sections.
  function applyFilters() {
    var status = document.getElementById('gd-status').value;
    var rule = document.getElementById('gd-rule').value;
    var shown = 0;
    all('[data-status]').forEach(function (el) {
      var rules = (el.getAttribute('data-rules') || '').split(' ');
      var ok = (!status || el.getAttribute('data-status') === status) &&
               (!rule || rules.indexOf(rule) >= 0);
      el.classList.toggle('gd-hidden', !ok);
      if (ok && el.tagName === 'TR') shown++;
    });
    document.getElementById('gd-shown').textContent = String(shown);
  }
  // A bar of the rule chart filters the list by its rule (a second click clears the filter).
  all('.gd-bar').forEach(function (g) {
    g.addEventListener('click', function () {
      var sel = document.getElementById('gd-rule'), rule = g.getAttribute('data-rule');
      sel.value = sel.value === rule ? '' : rule;
      all('.gd-bar').forEach(function (b) { b.classList.toggle('gd-selected', b.getAttribute('data-rule') === sel.value); });
      applyFilters();
    });
  });
  ['gd-status', 'gd-rule'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', applyFilters);
  });
  applyFilters();
  // #gd-only=r3 shows one report alone (a link to share, and the documentation's screenshot),
  // with its first diagnostic selected.
  var only = /^#gd-only=(r[0-9]+)$/.exec(location.hash);
  if (only && document.getElementById(only[1])) {
    document.getElementById('gd-summary').classList.add('gd-hidden');
    all('section.gd-report').forEach(function (s) { s.classList.toggle('gd-hidden', s.id !== only[1]); });
    var first = document.querySelector('#' + only[1] + ' .gd-diag.gd-error');
    if (first) focus([first].concat(byIds(first.getAttribute('data-cells'))));
  }
  // Self-test (used by the browser test): open the page with #gd-selftest.
  if (location.hash === '#gd-selftest') {
    var problems = [], diags = all('.gd-diag'), cells = all('td.gd-marked');
    diags.forEach(function (li) {
      var want = byIds(li.getAttribute('data-cells'));
      li.click();
      want.forEach(function (c) {
        if (!c.classList.contains('gd-focus')) problems.push('diag ' + li.id + ' did not focus ' + c.id);
        if (byIds(c.getAttribute('data-diags')).indexOf(li) < 0)
          problems.push('cell ' + c.id + ' does not link back to ' + li.id);
      });
    });
    cells.forEach(function (td) {
      td.click();
      byIds(td.getAttribute('data-diags')).forEach(function (li) {
        if (!li.classList.contains('gd-focus')) problems.push('cell ' + td.id + ' did not focus ' + li.id);
      });
    });
    var statusSel = document.getElementById('gd-status');
    statusSel.value = 'fail'; applyFilters();
    all('tr[data-status]').forEach(function (tr) {
      if ((tr.getAttribute('data-status') === 'fail') === tr.classList.contains('gd-hidden'))
        problems.push('status filter wrong on ' + tr.id);
    });
    statusSel.value = ''; applyFilters();
    // Each bar of the rule chart filters the list to the reports with its rule; a second click clears.
    var ruleSel = document.getElementById('gd-rule');
    all('.gd-bar').forEach(function (g) {
      var rule = g.getAttribute('data-rule');
      g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      if (ruleSel.value !== rule) problems.push('bar ' + rule + ' did not set the rule filter');
      all('tr[data-status]').forEach(function (tr) {
        var has = (tr.getAttribute('data-rules') || '').split(' ').indexOf(rule) >= 0;
        if (has === tr.classList.contains('gd-hidden')) problems.push('bar ' + rule + ' filter wrong on ' + tr.id);
      });
      g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      if (ruleSel.value !== '') problems.push('bar ' + rule + ' did not clear the filter');
    });
    var out = document.createElement('pre');
    out.id = 'gd-selftest-result';
    out.textContent = (problems.length ? 'FAIL ' + problems.join('; ') : 'OK') + ' diagnostics=' +
      diags.length + ' cells=' + cells.length;
    document.body.appendChild(out);
  }
})();
)";

// One report's section: heading, tables with the failing cells marked, and the list of
// diagnostics. `id` prefixes every element id (unique in the page).
std::string report_section(const batch_item& item, const std::string& id,
                           const std::vector<std::string>& report_rules) {
  std::string s;
  s.reserve(64 * 1024);
  s += "<section class=\"gd-report\" id=\"" + id + "\" data-file=\"" + escape(item.path) +
       "\" data-status=\"" +
       std::string(status_name(item.status)) + "\" data-rules=\"" +
       escape(join_words(report_rules)) + "\">\n<h2>";
  append_html_escaped(s, item.path);
  s += " — ";
  s += status_label_zh(item.status);
  s += "（" + std::to_string(item.errors) + " 个错误，" + std::to_string(item.warnings) +
       " 个警告）</h2>\n";
  if (!item.value.meta.title.empty()) {
    s += "<p>";
    append_html_escaped(s, item.value.meta.title);
    s += "</p>\n";
  }
  s += "<div class=\"gd-body\">\n<div class=\"gd-tables\">\n";

  // Which cells each diagnostic names: its own path, or every cell of a row it names.
  std::vector<std::vector<std::size_t>> cells_of(item.diagnostics.size());
  std::vector<std::vector<std::size_t>> diags_of;
  std::unordered_map<std::size_t, std::vector<std::string>> hints_of; // cell → suggested values
  if (item.status != batch_status::unreadable) {
    const rendered rd = render_with_paths(item.value);
    diags_of.resize(rd.paths.size());
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < rd.paths.size(); ++i)
      index.emplace(rd.paths[i], i);
    for (std::size_t k = 0; k < item.diagnostics.size(); ++k) {
      const std::string& p = item.diagnostics[k].path;
      if (p.empty()) continue;
      // A comparison's finding about another report's cell (listed here because that report
      // came first) marks no cell of this one.
      const std::string& file = item.diagnostics[k].position.file;
      if (!file.empty() && file != item.path) continue;
      if (const auto it = index.find(p); it != index.end()) {
        cells_of[k].push_back(it->second);
      } else if (std::count(p.begin(), p.end(), '.') >= 1 && catalog(item.value.template_)
                                                                 .locate(p + ".x")
                                                                 .row) {
        for (std::size_t i = 0; i < rd.paths.size(); ++i)
          if (rd.paths[i].size() > p.size() && rd.paths[i].starts_with(p) &&
              rd.paths[i][p.size()] == '.' &&
              rd.paths[i].find('.', p.size() + 1) == std::string::npos)
            cells_of[k].push_back(i);
      }
      for (std::size_t i : cells_of[k])
        diags_of[i].push_back(k);
    }
    // Correction hints at their cells: the suggested value (one per fix that names the cell).
    for (const diagnostic& d : item.diagnostics) {
      if (!d.hint) continue;
      for (const hint_fix& f : d.hint->fixes)
        for (const hint_cell& hc : f.cells)
          if (const auto it = index.find(hc.path); it != index.end()) {
            auto& hs = hints_of[it->second];
            if (std::find(hs.begin(), hs.end(), hc.suggested) == hs.end())
              hs.push_back(hc.suggested);
          }
    }
    // Cells that are laid out; a diagnostic's cell that is not (an absent local cell) is
    // dropped from its links.
    std::vector<bool> shown(rd.paths.size(), false);
    for (const auto& g : rd.at)
      for (const auto& row : g)
        for (int c : row)
          if (c >= 0) shown[static_cast<std::size_t>(c)] = true;
    for (auto& cs : cells_of)
      cs.erase(std::remove_if(cs.begin(), cs.end(), [&](std::size_t c) { return !shown[c]; }),
               cs.end());

    std::size_t table_no = 0;
    std::string heading;
    for (const block& b : rd.doc.blocks) {
      if (b.kind == block_kind::heading && b.level >= 2) heading = b.text;
      if (b.kind != block_kind::table) continue;
      static const std::vector<std::vector<int>> none;
      const auto& map = table_no < rd.at.size() ? rd.at[table_no] : none;
      ++table_no;
      s += "<h3>";
      append_html_escaped(s, heading);
      s += "</h3>\n";
      // The cell's path, and for a cell the diagnostics name its marks, links and messages.
      const auto attributes = [&](std::string& out, std::size_t y, std::size_t x) {
        const int ci = y < map.size() && x < map[y].size() ? map[y][x] : -1;
        if (ci < 0) return;
        const auto cu = static_cast<std::size_t>(ci);
        out += " data-path=\"" + escape(rd.paths[cu]) + '"';
        if (!diags_of[cu].empty()) {
          bool error = false;
          std::vector<std::string> rules, ids;
          for (std::size_t k : diags_of[cu]) {
            const diagnostic& d = item.diagnostics[k];
            error = error || d.level == severity::error;
            if (std::find(rules.begin(), rules.end(), d.rule) == rules.end())
              rules.push_back(d.rule);
            ids.push_back(id + "-d" + std::to_string(k + 1));
          }
          out += " id=\"" + id + "-c" + std::to_string(cu + 1) + "\" class=\"gd-marked ";
          out += error ? "gd-error" : "gd-warning";
          if (hints_of.count(cu)) out += " gd-hinted";
          out += "\" data-rule=\"" + escape(join_words(rules)) + "\" data-diags=\"" +
                 join_words(ids) + "\" title=\"";
          for (std::size_t k : diags_of[cu]) {
            append_html_escaped(out, item.diagnostics[k].message);
            out += "&#10;";
          }
          out += '"';
        }
        // A hint is shown at its cell, the data as published: 提示 → 2 (or → 2 / 5).
        if (const auto h = hints_of.find(cu); h != hints_of.end()) {
          out += " data-hint=\"";
          out += escape(join_words(h->second));
          out += "\"";
          if (diags_of[cu].empty()) out += " class=\"gd-hinted\"";
        }
      };
      append_html_table(s, b.table, "<table class=\"gd-table\">", attributes);
    }
    if (!rd.mapped)
      s += "<p class=\"gd-reason\">注意：部分单元格未能与模板对应，未加标记。</p>\n";
  } else {
    s += "<p class=\"gd-reason\">无法读取：";
    append_html_escaped(s, item.reason);
    s += "</p>\n";
  }
  s += "</div>\n<aside class=\"gd-diags\">\n<h3>问题清单</h3>\n<ol>\n";
  for (std::size_t k = 0; k < item.diagnostics.size(); ++k) {
    const diagnostic& d = item.diagnostics[k];
    std::vector<std::string> cell_ids;
    for (std::size_t c : cells_of[k])
      cell_ids.push_back(id + "-c" + std::to_string(c + 1));
    const char* level = d.level == severity::error ? "error" : "warning";
    s += "<li class=\"gd-diag gd-" + std::string(level) + "\" id=\"" + id + "-d" +
         std::to_string(k + 1) + "\" data-rule=\"" + escape(d.rule) + "\" data-cells=\"" +
         join_words(cell_ids) + "\">";
    if (!cell_ids.empty()) s += "<a href=\"#" + cell_ids.front() + "\">";
    s += "<span class=\"gd-level\">";
    s += d.level == severity::error ? "错误" : "警告";
    s += "</span> <span class=\"gd-rule\">[";
    append_html_escaped(s, d.rule);
    s += "]</span> ";
    append_html_escaped(s, d.message.empty() ? d.message_en : d.message);
    append_html_escaped(s, expected_found_note(d, true));
    if (!cell_ids.empty()) s += "</a>";
    if (d.hint) {
      s += "<div class=\"gd-hint\">";
      append_html_escaped(s, d.hint->message);
      s += "</div>";
    }
    s += "</li>\n";
  }
  s += "</ol>\n</aside>\n</div>\n</section>\n";
  return s;
}


// ---- charts: inline SVG, written here (no library, no fonts or scripts from the network) ----

// A number for an SVG attribute or a data- value: shortest round-trip-ish text.
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// One report's figures for the trend charts.
struct trend_point {
  std::string agency; // as the report names it
  int year = 0;
  std::string file;
  std::optional<double> new_received, total_processed, disclosure_rate;
  bool carry_over_fails = false; // an across_years.carry_over finding at this report
};

std::optional<double> number_at(const report& r, std::string_view path) {
  const cell* c = find_cell(r, path);
  if (!c || !c->is_number()) return std::nullopt;
  return c->value.to_double();
}

// Findings per rule: a horizontal bar chart. Each bar is a link that sets the rule filter.
std::string rule_chart(const batch_summary& sum) {
  if (sum.rules.empty()) return {};
  constexpr int label_w = 230, bar_w = 300, row_h = 22, pad = 6;
  std::size_t top = 1;
  for (const auto& [rule, c] : sum.rules) top = std::max(top, c.findings);
  const int height = static_cast<int>(sum.rules.size()) * row_h + 2 * pad;
  std::string s = "<figure class=\"gd-chart\"><figcaption>各规则问题数（点击条形筛选报告）</figcaption>\n"
                  "<svg class=\"gd-rule-chart\" width=\"" +
                  std::to_string(label_w + bar_w + 60) + "\" height=\"" + std::to_string(height) +
                  "\" role=\"img\" aria-label=\"各规则问题数\">\n";
  int y = pad;
  for (const auto& [rule, c] : sum.rules) {
    const double w = static_cast<double>(c.findings) * bar_w / static_cast<double>(top);
    const char* level = c.level == severity::error ? "error" : "warning";
    s += "<g class=\"gd-bar gd-" + std::string(level) + "\" data-rule=\"" + escape(rule) +
         "\" data-findings=\"" + std::to_string(c.findings) + "\" data-reports=\"" +
         std::to_string(c.reports) + "\" tabindex=\"0\"><title>";
    append_html_escaped(s, rule);
    s += "：" + std::to_string(c.findings) + " 处，涉及 " + std::to_string(c.reports) +
         " 个报告</title>";
    s += "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" + std::to_string(y + 15) +
         "\" text-anchor=\"end\" class=\"gd-axis\">";
    append_html_escaped(s, rule);
    s += "</text><rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 3) +
         "\" width=\"" + num(std::max(w, 1.0)) + "\" height=\"" + std::to_string(row_h - 6) +
         "\"/><text x=\"" + num(label_w + std::max(w, 1.0) + 4) + "\" y=\"" +
         std::to_string(y + 15) + "\" class=\"gd-value\">" + std::to_string(c.findings) +
         "</text></g>\n";
    y += row_h;
  }
  s += "</svg></figure>\n";
  return s;
}

// One small line chart of one figure over the years of one agency.
std::string spark(const std::vector<const trend_point*>& pts, const char* series,
                  const char* caption, std::optional<double> trend_point::*field, bool rate) {
  constexpr int w = 210, h = 116, left = 40, right = 12, top = 28, bottom = 22;
  const int y0 = pts.front()->year, y1 = pts.back()->year;
  double lo = 0, hi = 0;
  for (const trend_point* p : pts)
    if (p->*field) hi = std::max(hi, *(p->*field));
  if (hi <= lo) hi = lo + 1;
  const auto x_of = [&](int year) {
    return y1 == y0 ? left + (w - left - right) / 2.0
                    : left + (w - left - right) * double(year - y0) / double(y1 - y0);
  };
  const auto y_of = [&](double v) { return top + (h - top - bottom) * (1 - (v - lo) / (hi - lo)); };
  std::string s = "<svg class=\"gd-spark\" data-series=\"" + std::string(series) +
                  "\" width=\"" + std::to_string(w) +
                  "\" height=\"" + std::to_string(h) + "\" role=\"img\" aria-label=\"" + caption +
                  "\"><text x=\"4\" y=\"12\" class=\"gd-axis\">" + caption + "</text>";
  s += "<text x=\"" + std::to_string(left - 4) + "\" y=\"" + num(y_of(hi) + 4) +
       "\" text-anchor=\"end\" class=\"gd-axis\">" + (rate ? std::to_string(static_cast<int>(hi * 100 + 0.5)) + "%" : num(hi)) +
       "</text><text x=\"" + std::to_string(left - 4) + "\" y=\"" + num(y_of(lo) + 4) +
       "\" text-anchor=\"end\" class=\"gd-axis\">0</text>";
  s += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + num(y_of(lo)) + "\" x2=\"" +
       std::to_string(w - right) + "\" y2=\"" + num(y_of(lo)) + "\" class=\"gd-baseline\"/>";
  std::string line;
  for (const trend_point* p : pts)
    if (p->*field) line += (line.empty() ? "" : " ") + num(x_of(p->year)) + "," + num(y_of(*(p->*field)));
  if (!line.empty()) s += "<polyline points=\"" + line + "\" class=\"gd-line\"/>";
  for (const trend_point* p : pts) {
    s += "<text x=\"" + num(x_of(p->year)) + "\" y=\"" + std::to_string(h - 6) +
         "\" text-anchor=\"middle\" class=\"gd-axis\">" + std::to_string(p->year) + "</text>";
    if (!(p->*field)) continue;
    const double v = *(p->*field);
    s += "<circle class=\"gd-point" + std::string(p->carry_over_fails ? " gd-carry-fail" : "") +
         "\" data-year=\"" + std::to_string(p->year) + "\" data-value=\"" + num(v) +
         "\" data-file=\"" + escape(p->file) + "\" cx=\"" + num(x_of(p->year)) + "\" cy=\"" +
         num(y_of(v)) + "\" r=\"" + (p->carry_over_fails ? "5" : "3.5") + "\"><title>" +
         std::to_string(p->year) + "：" + (rate ? num(static_cast<double>(static_cast<long>(v * 1000 + 0.5)) / 10) + "%" : num(v)) +
         (p->carry_over_fails ? "（上年结转与上年度结转下年度不一致）" : "") + "</title></circle>";
  }
  s += "</svg>";
  return s;
}

// For each agency with two or more years: 新收申请, 办理总计 and the disclosure rate by year.
std::string trend_charts(const std::vector<trend_point>& points) {
  std::map<std::string, std::map<int, const trend_point*>> by_agency; // first report of a year
  for (const trend_point& p : points)
    by_agency[normalize_agency(p.agency)].emplace(p.year, &p);
  std::string s;
  for (const auto& [key, years] : by_agency) {
    if (years.size() < 2) continue;
    std::vector<const trend_point*> pts;
    for (const auto& [year, p] : years) pts.push_back(p);
    s += "<figure class=\"gd-trend\" data-agency=\"" + escape(pts.back()->agency) +
         "\"><figcaption>";
    append_html_escaped(s, pts.back()->agency);
    s += " " + std::to_string(pts.front()->year) + "—" + std::to_string(pts.back()->year) +
         "年度</figcaption>\n";
    s += spark(pts, "new_received", "新收申请", &trend_point::new_received, false);
    s += spark(pts, "total_processed", "办理总计", &trend_point::total_processed, false);
    s += spark(pts, "disclosure_rate", "公开率", &trend_point::disclosure_rate, true);
    s += "\n</figure>\n";
  }
  if (s.empty()) return s;
  return "<h2>分机关年度趋势</h2>\n<p class=\"gd-note\">大圆点、红色：该年度上年结转与上一年度结转下年度不一致"
         "（across_years.carry_over）。</p>\n<div class=\"gd-trends\">\n" + s + "</div>\n";
}

constexpr std::string_view fragment_style = R"(
.gd-nb { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #222; }
.gd-nb h2 { font-size: 1.1em; margin: 0.3em 0; }
.gd-nb h3 { font-size: 1em; margin: 0.8em 0 0.2em; }
.gd-nb table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
.gd-nb th, .gd-nb td { border: 1px solid #888; padding: 0.15em 0.45em; text-align: left; }
.gd-nb th { background: #f0f0f0; font-weight: normal; }
.gd-nb .gd-body { display: flex; gap: 1.5em; align-items: flex-start; }
.gd-nb .gd-tables { flex: 3; overflow-x: auto; }
.gd-nb .gd-diags { flex: 2; }
.gd-nb .gd-diag.gd-error .gd-level { color: #c62828; }
.gd-nb .gd-diag.gd-warning .gd-level { color: #8a5300; }
.gd-nb .gd-rule { font-family: monospace; font-size: 0.85em; color: #555; }
.gd-nb .gd-diag a { color: inherit; text-decoration: none; }
.gd-nb td.gd-error { background: #ffd6d6; outline: 2px solid #c62828; }
.gd-nb td.gd-warning { background: #fff2c2; }
.gd-nb .gd-reason { color: #8a5300; }
)";

// ---- the stages of inspection_page::add() ---------------------------------------------------

// A report's line of the summary list: its file, status, counts and rules (first seen first).
summary_line summary_line_of(const batch_item& item) {
  summary_line line;
  line.path = item.path;
  line.status = item.status;
  line.errors = item.errors;
  line.warnings = item.warnings;
  line.reason = item.reason;
  line.rules = rules_of(item.diagnostics);
  return line;
}

// A report's point of the trend charts, when it was read and names an agency and a year.
std::optional<trend_point> trend_point_of(const batch_item& item) {
  if (item.status == batch_status::unreadable || item.value.meta.agency.empty() ||
      !item.value.meta.year || *item.value.meta.year <= 0)
    return std::nullopt;
  trend_point p;
  p.agency = item.value.meta.agency;
  p.year = *item.value.meta.year;
  p.file = item.path;
  p.new_received = number_at(item.value, "applications.new_received.total");
  p.total_processed = number_at(item.value, "applications.total_processed.total");
  p.disclosure_rate = derive(item.value).disclosure_rate;
  for (const diagnostic& d : item.diagnostics)
    if (d.rule == "across_years.carry_over" &&
        (d.position.file.empty() || d.position.file == item.path))
      p.carry_over_fails = true;
  return p;
}

} // namespace
} // namespace detail

struct inspection_page::state {
  std::ostream& out;
  inspection_options options;
  std::vector<detail::summary_line> lines;
  bool finished = false;
  std::vector<detail::trend_point> points; // reports with an agency and a year, for the trends
};

inspection_page::inspection_page(std::ostream& out, inspection_options o)
    : state_(std::make_unique<state>(state{out, std::move(o), {}, false, {}})) {
  std::string head;
  head += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  head += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  detail::append_html_escaped(head, state_->options.title);
  head += "</title>\n<style>";
  head += detail::page_style;
  head += "</style>\n</head>\n<body>\n<h1>";
  detail::append_html_escaped(head, state_->options.title);
  head += "</h1>\n<div id=\"gd-page\">\n<div id=\"gd-reports\">\n";
  out << head;
}

inspection_page::~inspection_page() = default;

void inspection_page::add(const batch_item& item) {
  using namespace detail;
  summary_line line = summary_line_of(item);
  if (state_->options.all_reports || !item.diagnostics.empty()) {
    line.anchor = "r" + std::to_string(item.index + 1);
    state_->out << report_section(item, line.anchor, line.rules);
  }
  if (std::optional<trend_point> p = trend_point_of(item)) state_->points.push_back(std::move(*p));
  state_->lines.push_back(std::move(line));
}

void inspection_page::finish(const batch_summary& sum) {
  using namespace detail;
  if (state_->finished) return;
  state_->finished = true;
  const auto n = [](std::size_t k) { return std::to_string(k); };
  std::string s;
  s += "</div>\n<section id=\"gd-summary\">\n<p>共 " + n(sum.files) + " 个文件：" +
       n(sum.passed) + " 个通过，" + n(sum.failed) + " 个不通过，" + n(sum.unreadable) +
       " 个无法读取；共 " + n(sum.errors) + " 个错误，" + n(sum.warnings) + " 个警告。</p>\n";
  s += "<div class=\"gd-filters\"><label>结果 <select id=\"gd-status\">"
       "<option value=\"\">全部</option><option value=\"pass\">通过</option>"
       "<option value=\"fail\">不通过</option><option value=\"unreadable\">无法读取</option>"
       "</select></label><label>规则 <select id=\"gd-rule\"><option value=\"\">全部</option>";
  for (const auto& [rule, c] : sum.rules)
    s += "<option value=\"" + escape(rule) + "\">" + escape(rule) + "</option>";
  s += "</select></label>显示 <span id=\"gd-shown\">" + n(state_->lines.size()) +
       "</span> 个报告</div>\n";
  s += "<table class=\"gd-list\">\n<thead><tr><th>序号</th><th>文件</th><th>结果</th><th>错误</th>"
       "<th>警告</th><th>规则</th><th>说明</th></tr></thead>\n<tbody>\n";
  std::size_t i = 0;
  for (const summary_line& l : state_->lines) {
    ++i;
    const std::string status(status_name(l.status));
    s += "<tr id=\"gd-line-" + n(i) + "\" class=\"gd-status-" + status + "\" data-status=\"" +
         status + "\" data-rules=\"" + escape(join_words(l.rules)) + "\"><td class=\"gd-num\">" +
         n(i) + "</td><td>";
    if (!l.anchor.empty()) s += "<a href=\"#" + l.anchor + "\">";
    append_html_escaped(s, l.path);
    if (!l.anchor.empty()) s += "</a>";
    s += "</td><td class=\"gd-status\">" + std::string(status_label_zh(l.status)) +
         "</td><td class=\"gd-num\">" + n(l.errors) + "</td><td class=\"gd-num\">" +
         n(l.warnings) + "</td><td class=\"gd-rule\">" + escape(join_words(l.rules)) +
         "</td><td class=\"gd-reason\">" + escape(l.reason) + "</td></tr>\n";
  }
  s += "</tbody>\n</table>\n<h2>按规则统计</h2>\n<table class=\"gd-rules\">\n<thead><tr><th>规则</th>"
       "<th>级别</th><th>出现次数</th><th>涉及报告数</th></tr></thead>\n<tbody>\n";
  for (const auto& [rule, c] : sum.rules)
    s += "<tr><td class=\"gd-rule\">" + escape(rule) + "</td><td>" +
         (c.level == severity::error ? "错误" : "警告") + "</td><td class=\"gd-num\">" +
         n(c.findings) + "</td><td class=\"gd-num\">" + n(c.reports) + "</td></tr>\n";
  s += "</tbody>\n</table>\n";
  s += rule_chart(sum);
  s += trend_charts(state_->points);
  if (!sum.comparisons.empty()) {
    s += "<h2>跨报告比对</h2>\n<table class=\"gd-comparisons\">\n<thead><tr><th>比对</th>"
         "<th>机关</th><th>年度</th><th>报告</th><th>错误</th><th>警告</th><th>列在</th></tr>"
         "</thead>\n<tbody>\n";
    for (const batch_comparison& c : sum.comparisons) {
      const bool series = c.kind == comparison_kind::series;
      s += "<tr data-kind=\"" + std::string(series ? "series" : "rollup") + "\"><td>" +
           (series ? "相邻年度" : "汇总核对") + "</td><td>" + escape(c.agency) + "</td><td>" +
           (series ? std::to_string(c.year - 1) + "→" : std::string()) + std::to_string(c.year) +
           "</td><td>";
      for (std::size_t f = 0; f < c.files.size(); ++f) {
        if (f) s += series ? " → " : (f == 1 ? " ← " : "、");
        append_html_escaped(s, c.files[f]);
      }
      s += "</td><td class=\"gd-num\">" + n(c.errors) + "</td><td class=\"gd-num\">" +
           n(c.warnings) + "</td><td>" + escape(c.reported_in) + "</td></tr>\n";
    }
    s += "</tbody>\n</table>\n";
  }
  s += "</section>\n</div>\n<script>";
  s += page_script;
  s += "</script>\n</body>\n</html>\n";
  state_->out << s;
  state_->out.flush();
}

std::string report_html(const report& r, const std::vector<diagnostic>& diagnostics,
                        const std::string& id) {
  batch_item item;
  item.path = r.meta.source;
  if (item.path.empty()) { // a report built or read from memory: name it by its meta
    item.path = r.meta.agency;
    if (r.meta.year) item.path += " " + std::to_string(*r.meta.year) + "年度";
  }
  item.value = r;
  item.diagnostics = diagnostics;
  detail::count_findings(item);
  const std::vector<std::string> rules = detail::rules_of(diagnostics);
  std::string s = "<div class=\"gd-nb\"><style>";
  s += detail::fragment_style;
  s += "</style>\n";
  s += detail::report_section(item, id, rules);
  s += "</div>\n";
  return s;
}

} // namespace govdisclose
