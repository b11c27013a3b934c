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
Number = Callable[[float], str]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str


@dataclass(frozen=True)
class Interval:
    label: str
    low: int
    high: int
    median: float


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
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}" font-size="8" fill="{INK}">')
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", size: float = 8, fill: str = INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size:g}" fill="{fill}">'
            f"{escape(text)}</text>")


def fit(label: str, width: float, size: float) -> str:
    """The label cut with an ellipsis to about `width` px at font size `size` (DejaVu Sans averages 0.58 em)."""
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
        out.append(_text(x, top - 5, label, "middle", 6.5, MUTED))
    return out


def bar_chart(bars: Sequence[Bar], scale: float, num: Number, width: float = 330, label_width: float = 130) -> Markup:
    """Horizontal bars in the given order, one row each, with the value at the end of the bar."""
    row, top = 9.0, 14.0
    plot = width - label_width - 34
    height = top + row * len(bars) + 4
    body = _grid([(label_width + plot * tick / scale, num(tick)) for tick in _ticks(scale)], top, height - 4)
    for i, bar in enumerate(bars):
        y = top + row * i
        w = plot * min(max(bar.value / scale, 0.0), 1.0)
        body.append(_text(label_width - 3, y + 6.6, fit(bar.label, label_width - 6, 6.5), "end", 6.5))
        body.append(f'<rect x="{label_width:.1f}" y="{y + 1:.1f}" width="{w:.1f}" height="{row - 2:.1f}" '
                    f'fill="{bar.colour}"/>')
        body.append(_text(label_width + w + 2, y + 6.6, num(bar.value), "start", 6.5))
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
        body.append(_text(left - 3, y + 2.5, str(level), "end", 6.5, MUTED))
    bw = plot_w / bins
    for i, c in enumerate(counts):
        h = plot_h * c / top_level
        body.append(f'<rect x="{left + bw * i + 0.5:.1f}" y="{bottom - h:.1f}" width="{bw - 1:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>')
    for i in range(0, bins + 1, max(bins // 5, 1)):
        body.append(_text(left + bw * i, bottom + 10, num(scale * i / bins), "middle", 6.5, MUTED))
    return _svg(width, height, body)


def rank_ticks(n: int) -> list[int]:
    """1, N and round steps in between (about five of them)."""
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if n / s <= 6), 1000)
    return sorted({1, n, *(v for v in range(step, n, step) if n - v >= step / 2)})


def interval_chart(items: Sequence[Interval], group_size: int, width: float = 330,
                   label_width: float = 130) -> Markup:
    """Each unit's likely ranks as a line from best to worst, with its median rank as a dot (1 at the left)."""
    row, top = 9.0, 14.0
    plot = width - label_width - 10
    height = top + row * len(items) + 4
    span = max(group_size - 1, 1)

    def x(r: float) -> float:
        return label_width + plot * (r - 1) / span

    body = _grid([(x(tick), str(tick)) for tick in rank_ticks(group_size)], top, height - 4)
    for i, item in enumerate(items):
        y = top + row * i + row / 2
        body.append(_text(label_width - 3, y + 2.3, fit(item.label, label_width - 6, 6.5), "end", 6.5))
        body.append(f'<line x1="{x(item.low):.1f}" y1="{y:.1f}" x2="{x(item.high):.1f}" y2="{y:.1f}" '
                    f'stroke="{ACCENT}" stroke-width="2"/>')
        body.append(f'<circle cx="{x(item.median):.1f}" cy="{y:.1f}" r="2.2" fill="{INK}"/>')
    return _svg(width, height, body)


def pillar_chart(items: Sequence[Triple], scale: float, num: Number, legend: tuple[str, str, str],
                 width: float = 660, label_width: float = 190) -> Markup:
    """Per pillar: the unit's index as a bar, the group's mean and best as ticks across it."""
    row, top = 16.0, 26.0
    plot = width - label_width - 40
    height = top + row * len(items) + 6
    body = []
    names = (legend[0], legend[1], legend[2])
    body.append(f'<rect x="{label_width:.1f}" y="2" width="10" height="7" fill="{ACCENT}"/>')
    body.append(_text(label_width + 13, 8.5, names[0], "start", 7))
    body.append(f'<rect x="{label_width + 110:.1f}" y="1" width="2.5" height="9" fill="{INK}"/>')
    body.append(_text(label_width + 116, 8.5, names[1], "start", 7))
    body.append(f'<rect x="{label_width + 230:.1f}" y="1" width="2.5" height="9" fill="#1a7f45"/>')
    body.append(_text(label_width + 236, 8.5, names[2], "start", 7))
    body += _grid([(label_width + plot * tick / scale, num(tick)) for tick in _ticks(scale)], top - 1, height - 4)
    for i, item in enumerate(items):
        y = top + row * i
        body.append(_text(label_width - 4, y + row / 2 + 2.8, fit(item.label, label_width - 8, 7.5), "end", 7.5))
        if item.unit is not None:
            w = plot * min(max(item.unit / scale, 0.0), 1.0)
            body.append(f'<rect x="{label_width:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="{row - 6:.1f}" '
                        f'fill="{ACCENT}"/>')
            body.append(_text(label_width + plot + 4, y + row / 2 + 2.8, num(item.unit), "start", 7))
        for value, colour in ((item.mean, INK), (item.best, "#1a7f45")):
            if value is not None:
                mx = label_width + plot * min(max(value / scale, 0.0), 1.0)
                body.append(f'<rect x="{mx - 1.2:.1f}" y="{y + 1:.1f}" width="2.5" height="{row - 2:.1f}" '
                            f'fill="{colour}"/>')
    return _svg(width, height, body)
