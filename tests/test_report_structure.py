"""Reading annual reports: formats, PDF artefact repair, and the outline of parts/sections/points."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts import ROOT
from build_scripts.report import characters_in_order, load_report, load_reports, parse
from build_scripts.report.source import join_lines

REAL = ROOT / "datasets" / "sources" / "reports" / "2024-亳州市生态环境局法治政府建设情况报告.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "reports"
CLEAN = FIXTURES / "2025-fictitious-report.md"
FROM_PDF = FIXTURES / "2025-fictitious-report-from-pdf.txt"
SAVED_PAGE = FIXTURES / "2025-fictitious-report-saved-page.html"

SECTIONS_2024 = [
    "(一)坚持政治引领,法治建设推进更加有力。",
    "(二)深化职能转变,持续优化提升法治营商环境。",
    "(三)坚持守正创新,健全完善依法行政制度体系。",
    "(四)严格规范公正文明执法,着力提升行政执法效能。",
    "(五)注重排查化解,有效化解社会矛盾纠纷。",
    "(六)加强制约监督,促进权力规范透明运行。",
    "(七)强化组织领导,法治建设保障坚强有力。",
]


def load(path: Path) -> dict:
    source, problems = load_report(path, path.name)
    assert problems == []
    return parse(source)


def outline(parsed: dict) -> dict:
    return {k: v for k, v in parsed.items() if k != "file"}


@pytest.fixture(scope="module")
def real() -> dict:
    return load(REAL)


def test_real_report_is_kept_as_published():
    """The bundled copy is byte for byte the published report kept in ../shared (beside the
    repository); its sidecar's sha256 is the same file's."""
    import hashlib
    import yaml
    shared = ROOT.parent / "shared" / "sources" / "reports" / REAL.name
    sidecar = yaml.safe_load(REAL.with_name(REAL.name + ".meta.yml").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256(REAL.read_bytes()).hexdigest()
    assert shared.is_file(), f"the published report is expected at {shared}"
    assert REAL.read_bytes() == shared.read_bytes()


def test_real_title_spans_two_lines_and_is_joined(real):
    assert real["year"] == 2024
    assert real["title"] == "亳州市生态环境局关于2024年度法治政府建设情况的报告"
    assert len(real["preamble"]) == 1 and real["preamble"][0]["text"].startswith("2024年,在市委")


def test_real_parts_and_sections(real):
    assert [p["heading"] for p in real["parts"]] == [
        "一、2024年法治政府建设的主要举措及成效",
        "二、2024年法治政府建设存在的不足和原因",
        "三、2025年推进法治政府建设的主要安排",
    ]
    assert [p["number"] for p in real["parts"]] == ["一", "二", "三"]
    part1 = real["parts"][0]
    assert [s["heading"] for s in part1["sections"]] == SECTIONS_2024  # verbatim, ASCII ( , kept
    assert [s["number"] for s in part1["sections"]][:2] == ["（一）", "（二）"]
    assert part1["sections"][3]["id"] == "part-1-sec-4"


def test_real_points(real):
    sec4 = real["parts"][0]["sections"][3]
    assert [p["point"] for p in sec4["paragraphs"]] == ["一是", "二是", "三是", "四是", "五是"]
    assert sec4["paragraphs"][1]["id"] == "p-1-4-2"
    # part 二: one paragraph with inline points, so not a point paragraph
    part2 = real["parts"][1]
    assert part2["sections"] == [] and [p["point"] for p in part2["paragraphs"]] == [None]
    assert "一是基层行政执法水平需要进一步提高;二是" in part2["paragraphs"][0]["text"]
    # part 三: points directly under the part
    part3 = real["parts"][2]
    assert part3["sections"] == [] and [p["point"] for p in part3["paragraphs"]] == ["一是", "二是", "三是"]
    assert part3["paragraphs"][0]["id"] == "p-3-0-1"


def test_real_line_break_inside_a_sentence_is_joined(real):
    sec6 = real["parts"][0]["sections"][5]
    assert [p["point"] for p in sec6["paragraphs"]] == ["一是", "二是", "三是"]
    assert "完成全局信息公开915件,受理依申请公开6件并及时办理。" in sec6["paragraphs"][0]["text"]


def test_real_text_is_unchanged():
    source, _ = load_report(REAL, REAL.name)
    assert characters_in_order(source.original, source.text)
    squeeze = lambda s: re.sub(r"\s", "", s)  # noqa: E731
    assert squeeze(source.text) == squeeze(REAL.read_text(encoding="utf-8"))


def test_markdown_fixture():
    parsed = load(CLEAN)
    assert parsed["year"] == 2025
    assert [len(p["sections"]) for p in parsed["parts"]] == [3, 0, 0]
    assert parsed["closing"] == ["亳州市生态环境局", "2026年1月20日"]


def test_pdf_text_gives_the_clean_structure():
    clean, from_pdf = load(CLEAN), load(FROM_PDF)
    assert outline(from_pdf) == outline(clean)


def test_pdf_text_drops_only_page_numbers_and_headers():
    source, _ = load_report(FROM_PDF, FROM_PDF.name)
    assert characters_in_order(source.original, source.text)
    header = "亳州市生态环境局关于2025年度法治政府建设情况的报告"  # the title is on two lines at the top
    furniture = {"- 2 -", "- 3 -", "- 4 -", header}
    lines = FROM_PDF.read_text(encoding="utf-8").splitlines()
    assert sum(line in furniture for line in lines) == 5
    expected = "".join(line for line in lines if line not in furniture)
    assert re.sub(r"\s", "", source.text) == re.sub(r"\s", "", expected)
    assert not characters_in_order(source.original, source.text.replace("1020", "1002"))


def test_saved_web_page_keeps_the_article_only():
    parsed = load(SAVED_PAGE)
    assert outline(parsed) == outline(load(CLEAN))
    source, _ = load_report(SAVED_PAGE, SAVED_PAGE.name)
    for chrome in ("首页", "站内搜索", "发布时间", "打印本页", "主办单位", "相关阅读", "2023年度", "2024年度"):
        assert chrome not in source.text


def test_word_document(tmp_path):
    doc = docx.Document()
    for line in CLEAN.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            doc.add_heading(line.lstrip("# "), level=line.count("#", 0, 3))
        elif line.strip():
            doc.add_paragraph(line)
    path = tmp_path / "年度报告.docx"
    doc.save(path)
    assert outline(load(path)) == outline(load(CLEAN))


def test_gbk_text_and_year_from_file_name(tmp_path):
    text = FROM_PDF.read_text(encoding="utf-8").replace("2025年度\n", "年度\n", 1)
    path = tmp_path / "2025-报告.txt"
    path.write_bytes(text.encode("gb18030"))
    source, problems = load_report(path, path.name)
    assert problems == [] and source.year == 2025
    assert outline(parse(source))["parts"] == outline(load(CLEAN))["parts"]


@pytest.mark.parametrize("content, rule", [
    (b"", "file.empty"),
    (b"%PDF-1.7\n...", "file.unsupported"),
    ("法治政府建设情况报告\n一、主要举措\n共办理案件3件。".encode(), "report.year"),
])
def test_unreadable_inputs_are_problems(tmp_path, content, rule):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    source, problems = load_report(path, "report.txt")
    assert source is None and [p.rule for p in problems] == [rule]


def test_no_parts_and_duplicate_year_are_problems(tmp_path):
    flat = tmp_path / "2023-flat.txt"
    flat.write_text("关于2023年度法治政府建设情况的报告\n全年共办理案件3件。\n", encoding="utf-8")
    reports, figures, problems = load_reports([(flat, flat.name), (CLEAN, CLEAN.name), (FROM_PDF, FROM_PDF.name)])
    assert [r["year"] for r in reports] == [2023, 2025]
    assert [(p.rule, p.file) for p in problems] == [("report.structure", flat.name),
                                                   ("report.duplicate", FROM_PDF.name)]
    assert {f["年度"] for f in figures} == {2023, 2025}


@pytest.mark.parametrize("furniture", ["第 3 页", "—3—", "- 3 -", "第3页 共5页", "3/5"])
def test_page_number_forms(tmp_path, furniture):
    path = tmp_path / "2024-x.txt"
    path.write_text(f"关于2024年度工作的报告\n一、举措\n共办理案\n{furniture}\n件3件。\n", encoding="utf-8")
    source, _ = load_report(path, path.name)
    assert source.lines == ("一、举措", "共办理案件3件。")


def test_bare_page_numbers_only_when_counting_up(tmp_path):
    path = tmp_path / "2024-x.txt"
    path.write_text("关于2024年度工作的报告\n一、举措\n共办理\n2\n案件。\n共审批\n3\n个项目。\n", encoding="utf-8")
    assert load_report(path, path.name)[0].lines == ("一、举措", "共办理案件。", "共审批个项目。")
    path.write_text("关于2024年度工作的报告\n一、举措\n共办理\n12\n件案件。\n", encoding="utf-8")
    assert load_report(path, path.name)[0].lines == ("一、举措", "共办理12件案件。")


def test_repeated_running_header(tmp_path):
    path = tmp_path / "2024-x.txt"
    path.write_text("关于2024年度工作的报告\n一、举措\n生态环境局文件\n共办理\n生态环境局文件\n5件。\n",
                    encoding="utf-8")
    assert load_report(path, path.name)[0].lines == ("一、举措", "共办理5件。")


@given(st.lists(st.text(alphabet="一二是、（）()。；报告共计件3 \t", max_size=12), max_size=12))
def test_joining_never_changes_characters(lines):
    lines = [line.strip() for line in lines if line.strip()]
    assert "".join(join_lines(lines)) == "".join(lines)
