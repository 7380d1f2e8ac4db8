"""The HTML report: well-formed, every section present, every reason and fact shown."""

from __future__ import annotations

from dataclasses import replace

from htmltree import parse

from longarm.domain.case import Case
from longarm.domain.determination import Alternative, Determination
from longarm.domain.vocab import Outcome
from longarm.report import explain
from longarm.report.determination import (
    render_report_fragment,
    render_report_html,
    report_css,
)

SECTIONS = [
    "Summary by line",
    "Parties",
    "Lines and bills of materials",
    "Missing facts",
    "Interpretive options",
    "Law packs",
    "Warnings",
    "Sign-off",
]


def test_page_is_well_formed_with_every_section(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    html = render_report_html(determination, case)
    assert html.startswith("<!doctype html>")
    root = parse(html)
    headings = [h.text() for h in root.find_all("h2")]
    for title in SECTIONS:
        assert any(h.startswith(title) for h in headings), title
    for regime in determination.regimes:
        assert any(h.startswith(f"{regime}:") for h in headings), regime
    assert root.find("style").text().startswith("/*")


def test_every_reason_with_citation_figures_path_and_options(
    showcase: tuple[Determination, Case],
) -> None:
    determination, case = showcase
    root = parse(render_report_html(determination, case))
    cards = root.find_all("div", "lr-reason")
    expected = [
        reason
        for regime in sorted(determination.regimes)
        for line in determination.lines
        for reason, _ in explain.ordered_reasons(line.regimes[regime])
    ]
    assert len(cards) == len(expected)
    for reason, node in zip(expected, cards, strict=True):
        card = node.text()
        assert card.removeprefix("sets the outcome ").startswith(reason.rule)
        assert " ".join(reason.detail.split()) in card
        assert reason.citation in card
        assert reason.status.value.replace("_", " ") in card
        assert " → ".join(reason.path) in card
        for name, value in reason.options.items():
            assert f"{name} = {str(value).lower()}" in card
        for fact in reason.missing:
            assert fact in card
    deciding = root.find_all("div", "lr-deciding")
    assert deciding and all("sets the outcome" in d.text() for d in deciding)


def test_outcomes_are_coloured_badges(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    root = parse(render_report_html(determination, case))
    badges = {b.text() for b in root.find_all("span", "lr-badge")}
    assert {"license required", "needs review", "not subject"} <= badges
    for outcome in ("license_required", "needs_review", "not_subject"):
        assert f".lr .lr-{outcome} " in report_css()
    assert root.find("span", "lr-hold").text() == "hold"


def test_bill_of_materials_is_an_indented_tree(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    root = parse(render_report_html(determination, case))
    tables = root.find_all("table", "lr-bom")
    assert len(tables) == len(case.shipment.lines)
    rows = tables[0].find("tbody").find_all("tr")
    ids = [r.find("code").text() for r in rows]
    assert ids == ["ROBOT-7", "SERVO-3", "MAG-DY", "CTRL-1"]
    indents = [next(c for c in r.find("td").classes if c.startswith("lr-d")) for r in rows]
    assert indents[0] < indents[1] < indents[2]  # ROBOT-7 > SERVO-3 > MAG-DY, deeper each time
    assert indents[3] == indents[1]  # CTRL-1 sits beside SERVO-3
    magnet = rows[2].text()
    assert "CN" in magnet and "14.50 USD" in magnet and "CN:1C905.a" in magnet
    assert "cn.2025-61.art1.1" in magnet  # the node the content reason's path ends at
    assert "lr-cited" in rows[2].classes and "lr-cited" not in rows[1].classes
    unknown = tables[1].find("tbody").find("tr").find_all("span", "lr-unknown")
    assert [u.text() for u in unknown] == ["unknown", "unknown"]  # origin and value


def test_parties_with_roles_ownership_and_lists(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    root = parse(render_report_html(determination, case))
    rows = {
        r.find("code").text(): r.text() for r in root.find("table", "lr-parties").find_all("tr")[1:]
    }
    assert "深圳市前海精密机械有限公司" in rows["CON"] and "consignee" in rows["CON"]
    assert "HOLD (中芯国际集成电路制造有限公司): 60 %" in rows["EU1"]
    assert "share unknown" in rows["EU1"]
    assert "US:EL, policy presumption_of_denial, footnote 4" in rows["HOLD"]
    assert "owner of EU1" in rows["HOLD"]


def test_missing_facts_options_packs_and_warnings(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    root = parse(render_report_html(determination, case))
    text = root.text()
    assert "items[TBO-5].origin TBO-5 CN cn.2025-61.art1.3" in text
    assert "items[TBO-5].controls TBO-5 US us.ear-738.4" in text
    options = root.find("table", "lr-options").text()
    assert "cn_part2_includes_assemblies relied on by a reason true default" in options
    for pack in determination.packs:
        assert f"{pack.regime} {pack.version} {pack.data_as_of.isoformat()} {pack.sha256}" in text
    for warning in determination.warnings:
        assert " ".join(warning.split()) in text
    for alt in determination.alternatives:
        assert f"{alt.option} = {str(alt.value).lower()}" in text
    assert "Screened list" not in text


def test_list_snapshots_when_screened(showcase: tuple[Determination, Case]) -> None:
    from datetime import date

    determination, case = showcase
    html = render_report_html(determination, case, list_snapshots={"US:EL": date(2026, 7, 31)})
    table = parse(html).find("table", "lr-snapshots")
    assert table.text() == "Screened list Snapshot US:EL 2026-07-31"


def test_alternatives_are_shown(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    other = replace(
        determination,
        alternatives=(
            Alternative("honour_announced_extensions", True, {"CN": Outcome.NOT_SUBJECT}),
        ),
    )
    root = parse(render_report_html(other, case))
    text = root.text()
    assert "honour_announced_extensions = true" in text
    assert "not subject instead of needs review" in text


def test_names_are_escaped(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    evil = case.replace(
        parties=[
            p.model_dump() | {"name": "<script>alert(1)</script> & Co"}
            if p.id == "EXP"
            else p.model_dump()
            for p in case.parties
        ]
    )
    html = render_report_html(determination, evil)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_fragment_embeds_without_page_or_sign_off(showcase: tuple[Determination, Case]) -> None:
    determination, case = showcase
    fragment = render_report_fragment(determination, case, sign_off=False)
    root = parse(fragment)
    article = root.find("article")
    assert article.classes == {"lr"}
    assert not root.find_all("html") and not root.find_all("style")
    assert "Sign-off" not in fragment
    selectors = [s.strip() for s in report_css().split("}") if "{" in s]
    rules = [s.split("{")[0].strip() for s in selectors]
    assert all(r.startswith(".lr") for r in rules if not r.startswith("/*")), rules
