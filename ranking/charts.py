"""Vector charts for the PDF reports, written as SVG text: weasyprint draws them with the report's own
font, they stay sharp when printed, and writing them by hand costs microseconds (no plotting library)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

FONT = "DTI Sans"
INK = "#222222"
GRID = "#d0d0d0"
MUTED = "#777777"
ACCENT = "#2b6cb0"
BAND_COLOURS = ("#1a7f45", "#4f9d3a", "#c99a1e", "#d2692a", "#b83232", "#8c2d2d")
OFFICIAL = "#c0392b"
Number = Callable[[float], str]
# SVG lengths are CSS px (0.75 pt): 8 px prints at 6 pt, the smallest label a chart may carry.
SMALL = 8.0
LABEL = 8.5
ROW = 11.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str
    text: str = ""
    """The value as printed beside the bar (the table's digits); empty: the chart's own format."""


@dataclass(frozen=True)
class Interval:
    label: str
    low: int
    high: int
    median: float
    rank: int
    """The official rank, marked on the line."""


@dataclass(frozen=True)
class Triple:
    """A pillar in the breakdown: the unit's index beside the group's mean and best (None: not applicable)."""

    label: str
    unit: float | None
    mean: float | None
    best: float | None


def band_colour(position: int) -> str:
    """The colour of the band at `position` in the criteria's list (highest band first)."""
    return BAND_COLOURS[min(max(position, 0), len(BAND_COLOURS) - 1)]


def heat(share: float | None) -> str:
    """A light background for a 0–1 share: red, through yellow, to green (white when there is none)."""
    if share is None:
        return "#ffffff"
    s = min(max(share, 0.0), 1.0)
    stops = ((0.0, (244, 199, 195)), (0.5, (252, 232, 178)), (1.0, (183, 225, 205)))
    for (x0, c0), (x1, c1) in pairwise(stops):
        if s <= x1:
            f = (s - x0) / (x1 - x0)
            r, g, b = (round(a + (z - a) * f) for a, z in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    raise AssertionError(share)  # pragma: no cover - s ≤ 1 always meets the last stop


def _svg(width: float, height: float, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}" font-size="{LABEL:g}" fill="{INK}">')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", size: float = LABEL, fill: str = INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size:g}" fill="{fill}">'
            f"{escape(text)}</text>")


def fit(label: str, width: float, size: float) -> str:
    """The label cut with an ellipsis to about `width` px at font size `size` (Be Vietnam Pro averages
    about 0.56 em; 0.58 leaves a margin)."""
    chars = max(int(width / (size * 0.58)), 4)
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _ticks(scale: float, n: int = 5) -> list[float]:
    return [scale * i / n for i in range(n + 1)]


def _grid(marks: Sequence[tuple[float, str]], top: float, bottom: float) -> list[str]:
    """Vertical grid lines at each x, labelled above the plot."""
    out = []
    for x, label in marks:
        out.append(f'<line x1="{x:.1f}" y1="{top - 3:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{GRID}" '
                   f'stroke-width="0.5"/>')
        out.append(_text(x, top - 5, label, "middle", SMALL, MUTED))
    return out


def bar_chart(bars: Sequence[Bar], scale: float, num: Number, width: float = 670, label_width: float = 230) -> Markup:
    """Horizontal bars in the given order, one row each, with the value at the end of the bar."""
    row, top = ROW, 16.0
    plot = width - label_width - 52
    height = top + row * len(bars) + 4
    body = _grid([(label_width + plot * tick / scale, num(tick)) for tick in _ticks(scale)], top, height - 4)
    for i, bar in enumerate(bars):
        y = top + row * i
        w = plot * min(max(bar.value / scale, 0.0), 1.0)
        body.append(_text(label_width - 4, y + 8, fit(bar.label, label_width - 8, LABEL), "end"))
        body.append(f'<rect x="{label_width:.1f}" y="{y + 1.5:.1f}" width="{w:.1f}" height="{row - 3:.1f}" '
                    f'fill="{bar.colour}"/>')
        body.append(_text(label_width + w + 3, y + 8, bar.text or num(bar.value)))
    return _svg(width, height, body)


def histogram(values: Sequence[float], scale: float, num: Number, bins: int = 20, width: float = 300,
              height: float = 110, colour: str = ACCENT) -> Markup:
    """Counts of the index in equal bins from 0 to `scale` (the last bin includes the top)."""
    counts = [0] * bins
    for v in values:
        counts[min(max(int(v / scale * bins), 0), bins - 1)] += 1
    left, bottom, top = 22.0, height - 16, 8.0
    plot_w, plot_h = width - left - 6, bottom - top
    step = max(1, -(-max(counts) // 4))
    top_level = step * max(1, -(-max(counts) // step))
    body = []
    for level in range(0, top_level + 1, step):
        y = bottom - plot_h * level / top_level
        body.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - 6:.1f}" y2="{y:.1f}" stroke="{GRID}" '
                    f'stroke-width="0.5"/>')
        body.append(_text(left - 3, y + 3, str(level), "end", SMALL, MUTED))
    bw = plot_w / bins
    for i, c in enumerate(counts):
        h = plot_h * c / top_level
        body.append(f'<rect x="{left + bw * i + 0.5:.1f}" y="{bottom - h:.1f}" width="{bw - 1:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>')
    for i in range(0, bins + 1, max(bins // 5, 1)):
        body.append(_text(left + bw * i, bottom + 11, num(scale * i / bins), "middle", SMALL, MUTED))
    return _svg(width, height, body)


def rank_ticks(n: int) -> list[int]:
    """1, N and round steps in between (about five of them)."""
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if n / s <= 6), 1000)
    return sorted({1, n, *(v for v in range(step, n, step) if n - v >= step / 2)})


def interval_chart(items: Sequence[Interval], group_size: int, legend: tuple[str, str, str], width: float = 670,
                   label_width: float = 230) -> Markup:
    """Each unit's likely ranks as a line from best to worst, its median rank as a dot and its official
    rank as a red tick (rank 1 at the left)."""
    row, top = ROW, 30.0
    plot = width - label_width - 12
    height = top + row * len(items) + 4
    span = max(group_size - 1, 1)

    def x(r: float) -> float:
        return label_width + plot * (r - 1) / span

    left = [label_width + 170 * k for k in range(3)]
    body = [
        f'<line x1="{left[0]:.1f}" y1="6" x2="{left[0] + 14:.1f}" y2="6" stroke="{ACCENT}" stroke-width="2.5"/>',
        f'<circle cx="{left[1] + 5:.1f}" cy="6" r="2.4" fill="{INK}"/>',
        f'<rect x="{left[2] + 4:.1f}" y="2" width="1.8" height="8" fill="{OFFICIAL}"/>',
        *(_text(x0 + 18, 9, words) for x0, words in zip(left, legend, strict=True)),
    ]
    body += _grid([(x(tick), str(tick)) for tick in rank_ticks(group_size)], top, height - 4)
    for i, item in enumerate(items):
        y = top + row * i + row / 2
        body.append(_text(label_width - 4, y + 3, fit(item.label, label_width - 8, LABEL), "end"))
        body.append(f'<line x1="{x(item.low):.1f}" y1="{y:.1f}" x2="{x(item.high):.1f}" y2="{y:.1f}" '
                    f'stroke="{ACCENT}" stroke-width="2.5"/>')
        body.append(f'<circle cx="{x(item.median):.1f}" cy="{y:.1f}" r="2.4" fill="{INK}"/>')
        body.append(f'<rect x="{x(item.rank) - 0.9:.1f}" y="{y - 4:.1f}" width="1.8" height="8" fill="{OFFICIAL}"/>')
    return _svg(width, height, body)


def pillar_chart(items: Sequence[Triple], scale: float, num: Number, legend: tuple[str, str, str],
                 not_applicable: str = "—", width: float = 670, label_width: float = 200) -> Markup:
    """Per pillar: the unit's index as a bar with its value at the bar's end, the group's mean and best as
    ticks across it; a pillar that does not apply to the unit says so, with no bar and no ticks."""
    row, top = 17.0, 28.0
    plot = width - label_width - 12
    height = top + row * len(items) + 6
    body = []
    for k, (colour, wide) in enumerate(((ACCENT, 10.0), (INK, 2.5), ("#1a7f45", 2.5))):
        left = label_width + 130 * k
        body.append(f'<rect x="{left:.1f}" y="2" width="{wide:g}" height="9" fill="{colour}"/>')
        body.append(_text(left + wide + 4, 10, legend[k]))
    body += _grid([(label_width + plot * tick / scale, num(tick)) for tick in _ticks(scale)], top - 1, height - 4)
    for i, item in enumerate(items):
        y = top + row * i
        body.append(_text(label_width - 4, y + row / 2 + 3, fit(item.label, label_width - 8, LABEL), "end"))
        if item.unit is None:
            body.append(_text(label_width + 2, y + row / 2 + 3, not_applicable, "start", LABEL, MUTED))
            continue
        w = plot * min(max(item.unit / scale, 0.0), 1.0)
        body.append(f'<rect x="{label_width:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="{row - 6:.1f}" '
                    f'fill="{ACCENT}"/>')
        end, ticks = label_width + w, []
        for value, colour in ((item.mean, INK), (item.best, "#1a7f45")):
            if value is not None:
                mx = label_width + plot * min(max(value / scale, 0.0), 1.0)
                ticks.append(mx)
                body.append(f'<rect x="{mx - 1.2:.1f}" y="{y + 1:.1f}" width="2.5" height="{row - 2:.1f}" '
                            f'fill="{colour}"/>')
        # the value at the end of the unit's own bar: inside it, unless a tick would cross the number there
        # and there is room after the bar (or after the ticks just past its end)
        outside = max([end, *(mx for mx in ticks if end - 2 <= mx <= end + 30)]) + 4
        inside = w > 40 and (not any(end - 32 <= mx <= end - 2 for mx in ticks) or outside + 26 > width)
        body.append(_text(end - 4 if inside else outside, y + row / 2 + 3, num(item.unit),
                          "end" if inside else "start", LABEL, "#ffffff" if inside else INK))
    return _svg(width, height, body)
