"""Words for people in Vietnamese (default) and English: terminal output and report headings.
Messages about problems in the user's files live with their reason codes in errors.py."""

from __future__ import annotations

from collections.abc import Mapping

from ranking.errors import LANGS, Lang

LABELS: Mapping[str, tuple[str, str]] = {
    "rank": ("Hạng", "Rank"),
    "unit": ("Đơn vị", "Unit"),
    "index": ("Chỉ số", "Index"),
    "points": ("Điểm", "Points"),
    "band": ("Xếp loại", "Band"),
    "sample": ("DỮ LIỆU MẪU (tổng hợp, không phải số liệu thật)", "SAMPLE DATA (synthetic, not real figures)"),
    "valid": ("Không có lỗi: {criteria}, {inputs}", "No problems: {criteria}, {inputs}"),
    "problems": ("{n} lỗi, {w} cảnh báo", "{n} errors, {w} warnings"),
    "written": ("Đã ghi {out}", "Written to {out}"),
    "top": ("{title} — {n} đơn vị", "{title} — {n} units"),
    "internal": ("Lỗi nội bộ của dti (hãy báo cáo): {detail}", "Internal dti error (please report it): {detail}"),
}


def t(key: str, lang: Lang, **params: object) -> str:
    return LABELS[key][LANGS.index(lang)].format(**params)
