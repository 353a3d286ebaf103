"""Horizontal bar charts for the monitoring report, drawn on the server as HTML.

Not SVG: a scaled SVG shrinks its text with the column (too small at 390 px) and cuts
long labels at its edge. Here each label is text that wraps above its bar, and the bar's
width is one of the stylesheet's ``w-0`` … ``w-100`` classes (the CSP allows no inline
style), so the chart reads at any width.
"""

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    percent: int  # of the largest value in the chart, for the bar's width class


@dataclass
class BarChart:
    title: str
    bars: list[Bar]

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(title: str, items: list[tuple[str, int]]) -> BarChart:
    top = max((value for _label, value in items), default=0) or 1
    bars = [
        # A value above zero always shows a sliver, however small beside the largest.
        Bar(label=str(label), value=value, percent=max(1, round(value * 100 / top)) if value else 0)
        for label, value in items
    ]
    return BarChart(title=title, bars=bars)
