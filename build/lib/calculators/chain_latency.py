"""chain_latency: the latency a mesh adds across a chain of synchronous calls.

When one user request waits on a chain of service calls made one after
another, every call pays the mesh's per-hop cost, so the added latency grows
with the length of the chain.

The per-hop figures in the presets are p90s. Adding p90s overstates the p90
of the whole chain (not every hop is slow at once), so ``added_ms`` is an
upper-end estimate; ``tail_exposure_pct`` shows the other side of the same
fact: the longer the chain, the more requests meet at least one slow hop.
"""

from __future__ import annotations

from typing import Any

from .charts import ChartSpec, Panel, Shape
from .figures import figure
from .schema import Calculator, Input, Output, Preset, chart_lines, chart_point

def compute(*, hops: int, added_ms_per_hop: float, baseline_ms: float) -> dict[str, float]:
    """Every output of ``chain_latency`` from checked inputs.

    - ``added_ms`` = hops * added_ms_per_hop: calls in a synchronous chain
      happen one after another, so their delays add up.
    - ``total_ms`` = baseline_ms + added_ms.
    - ``overhead_pct`` = 100 * added_ms / baseline_ms: the increase the
      reader's users feel, relative to today.
    - ``proxy_traversals`` = 2 * hops: each call leaves through the caller's
      sidecar and enters through the callee's, so every hop passes two proxies.
    - ``tail_exposure_pct`` = 100 * (1 - 0.99 ** hops): a hop is slower than
      its own p99 on 1 % of calls, so (taking hops as independent) a request
      escapes every hop's p99 with probability 0.99 ** hops, and meets at
      least one with the rest. With 5 hops that is 4.9 %, not 1 %: tails
      compound along a chain even when each hop looks fine on its own.
    """
    added_ms = hops * added_ms_per_hop
    return {
        "added_ms": added_ms,
        "total_ms": baseline_ms + added_ms,
        "overhead_pct": 100 * added_ms / baseline_ms,
        "proxy_traversals": 2 * hops,
        "tail_exposure_pct": 100 * (1 - 0.99**hops),
    }


def chart(calculator: Calculator, values: dict[str, Any], points: int) -> dict[str, Any]:
    """Latency over chain lengths 1 .. max(2 x hops, 10), from :func:`compute`.

    Every whole chain length is included when they fit in ``points``;
    otherwise evenly spaced ones plus the reader's own ``hops``.
    """
    hops = values["hops"]
    top = max(2 * hops, 10)
    if top <= points:
        xs = list(range(1, top + 1))
    else:
        xs = sorted({1 + round(i * (top - 1) / (points - 1)) for i in range(points)} | {hops})
    lines = chart_lines(
        ("baseline_ms", "Without the mesh", "ms"),
        ("added_ms", "Added by the mesh", "ms"),
        ("total_ms", "With the mesh", "ms"),
        ("tail_exposure_pct", "Requests meeting a hop's p99", "%"),
    )
    rows = []
    for h in xs:
        out = {**compute(**{**values, "hops": h}), "baseline_ms": values["baseline_ms"]}
        rows.append({"hops": h, **chart_point(lines, out)})
    x = {"name": "hops", "label": "Calls in the chain", "unit": "calls", "current": hops}
    return {"x": x, "lines": lines, "points": rows}


#: How :func:`chart`'s series is drawn (see :mod:`calculators.charts`).
CHART_SPEC = ChartSpec(
    caption="Latency and tail exposure for chains of one call up to twice yours (at least 10).",
    panels=(
        Panel(
            "latency", "Latency",
            (
                Shape("baseline_ms", "alt", area=True),
                Shape("total_ms", "mesh", area=True, below="baseline_ms"),
                Shape("baseline_ms", "alt"),
                Shape("total_ms", "mesh"),
            ),
            ("total_ms", "baseline_ms"),
        ),
        Panel(
            "tail", "Requests meeting a hop's p99",
            (Shape("tail_exposure_pct", "plain"),),
            ("tail_exposure_pct",),
        ),
    ),
    legend=(("alt", "baseline_ms"), ("mesh", "added_ms")),
    table=("baseline_ms", "added_ms", "total_ms", "tail_exposure_pct"),
    summary=(
        "With {x}, the mesh adds {now[added_ms]} to {now[baseline_ms]} "
        "({now[total_ms]} in all), and {now[tail_exposure_pct]} of requests meet at least one "
        "hop's p99. With {x_end}: {end[total_ms]} in all, and {end[tail_exposure_pct]}."
    ),
)


INPUTS = (
    Input(
        "hops", "Calls in the chain", "calls", int, 5, 1, 1_000, step=1,
        help="Synchronous service-to-service calls one request waits on in turn. 5 is the article's example.",
    ),
    Input(
        "added_ms_per_hop", "Latency added per call", "ms", float, 10.0, 0, 60_000, step=0.001,
        help=(
            f"10 ms is the article's high claim ('2ms to 10ms', '50ms' for 5 calls; no source). Istio's newest "
            f"per-call numbers are {figure('istio_1_20_sidecar_latency_p90').text()} p90 for two sidecars "
            f"({figure('istio_1_20_sidecar_latency_p90').citation()}) and "
            f"{figure('istio_1_22_ztunnel_latency_p90').text()} p90 for two ztunnels "
            f"({figure('istio_1_22_ztunnel_latency_p90').citation()}): see the presets and their sources."
        ),
    ),
    Input(
        # The contract says > 0; the floor is 1 microsecond because a baseline of, say,
        # 5e-324 ms would make overhead_pct infinite.
        "baseline_ms", "Latency without the mesh", "ms", float, 100.0, 0.001, 600_000, step=0.1,
        help=(
            "End-to-end latency of the request today. The article gives none; 100 ms is a "
            "round placeholder for an interactive request: put your own p50 or p90."
        ),
    ),
)

OUTPUTS = (
    Output("added_ms", "Latency added by the mesh", "ms", 2, help="calls x latency added per call"),
    Output("total_ms", "Latency with the mesh", "ms", 2, help="latency without the mesh + added"),
    Output("overhead_pct", "Increase over today", "%", 1, help="100 x added / without the mesh"),
    Output("proxy_traversals", "Proxies passed", "", 0,
           help="2 x calls: one proxy on the caller's side and one on the callee's side of every call "
                "(two sidecars, or two ztunnels in ambient mode)"),
    Output("tail_exposure_pct", "Requests meeting a hop's p99", "%", 1,
           help="100 x (1 - 0.99^calls): share of requests slowed by at least one hop's 1 % tail"),
)

#: Every preset's value and citation comes from calculators/figures.toml.
PRESETS = (
    Preset.cited(
        "article_low", f"Article, low claim: {figure('article_latency_low').text()} per call", {"added_ms_per_hop": "article_latency_low"}, INPUTS,
        note="Its 2-10 ms range matches Istio 1.3-1.16 (2.65-7 ms p90 per call) and Istio 0.7-0.8 with Mixer "
             "(about 10 ms): see the sources page.",
    ),
    Preset.cited(
        "article_high", f"Article, high claim: {figure('article_latency_high').text()} per call", {"added_ms_per_hop": "article_latency_high"}, INPUTS,
        note="'50ms' for a 5-call chain implies this figure per call. Its 2-10 ms range matches Istio 1.3-1.16 "
             "and Istio 0.7-0.8 with Mixer: see the sources page.",
    ),
    Preset.cited(
        "istio_1_16_p90", f"Istio 1.16: +{figure('istio_1_16_sidecar_latency_p90').text()} p90", {"added_ms_per_hop": "istio_1_16_sidecar_latency_p90"}, INPUTS,
    ),
    Preset.cited(
        "istio_1_20_p90", f"Istio 1.20: +{figure('istio_1_20_sidecar_latency_p90').text()} p90", {"added_ms_per_hop": "istio_1_20_sidecar_latency_p90"}, INPUTS,
        note=f"At p99: {figure('istio_1_20_sidecar_latency_p99').text()}. From Istio 1.24 on, Istio's page shows "
             "latency only as charts.",
    ),
    Preset.cited(
        "ztunnel_1_22_p90", f"Istio 1.22 ambient (ztunnel): +{figure('istio_1_22_ztunnel_latency_p90').text()} p90", {"added_ms_per_hop": "istio_1_22_ztunnel_latency_p90"},
        INPUTS,
        note=f"At p99: {figure('istio_1_22_ztunnel_latency_p99').text()}. With ztunnels, each call passes two "
             "ztunnels (one per node) rather than two sidecars.",
    ),
)

CALCULATOR = Calculator(
    name="chain_latency",
    title="Latency across a call chain",
    summary="What per-call proxy latency adds up to when one request waits on a chain of calls.",
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    presets=PRESETS,
    chart=chart,
    chart_spec=CHART_SPEC,
)


def series(values: dict[str, object] | None = None, points: int = 21) -> dict[str, Any]:
    """Chart data over hops 1 .. max(2 x hops, 10) (see :func:`chart`)."""
    return CALCULATOR.series(values, points)
