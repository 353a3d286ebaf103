"""Horizontal bar charts as inline SVG, drawn on the server: no chart library, no script."""

from dataclasses import dataclass

ROW = 26
LABEL_WIDTH = 300
BAR_WIDTH = 360


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 60


def bar_chart(title: str, items: list[tuple[str, int]]) -> BarChart:
    top = max((value for _label, value in items), default=0) or 1
    bars = [
        Bar(label=str(label), value=value, y=i * ROW, width=round(value * BAR_WIDTH / top))
        for i, (label, value) in enumerate(items)
    ]
    return BarChart(title=title, bars=bars, height=max(len(bars), 1) * ROW)
