"""sidecar_ram: the memory, CPU and money that per-pod proxies take.

A sidecar mesh puts one proxy in every pod, so its cost grows with the number
of pods. A per-node proxy (Istio ambient's ztunnel) grows with the number of
nodes instead; the extra ``nodes``/``node_proxy_*`` inputs and ``per_node_*``
outputs show that comparison side by side.

Units: memory per proxy is entered in MiB and reported in GiB, so
``GiB = MiB / 1024`` (Kubernetes' ``Mi``/``Gi`` are these binary units).
Published figures that say "MB" are taken as MiB as written: the two differ
by under 5 %, far less than the spread between the sources.

Keep "reserved" and "used" apart: Istio's default sidecar *request* (128Mi,
100m) is what the scheduler sets aside for every pod whether it is used or
not; measured usage (Istio 1.24: 60 MB, 0.20 vCPU at 1000 rps) is what a
busy proxy actually consumes. The presets say which one each figure is.
"""

from __future__ import annotations

from typing import Any

from .charts import ChartSpec, Panel, Shape
from .schema import PRICE_MAX, Calculator, Input, Output, Preset, chart_lines, chart_point

ISTIO_1_24_URL = "https://istio.io/v1.24/docs/ops/deployment/performance-and-scalability/"
# Pinned to the commit of istio/istio's master branch read on 2026-12-05, so the
# link keeps showing the values quoted here (a branch link would drift).
ISTIO_VALUES_URL = (
    "https://github.com/istio/istio/blob/b0d2c6adcaa4e4d5ac27d9c0f4f03e348b1d924c/"
    "manifests/charts/istio-control/istio-discovery/values.yaml"
)
FARGATE_URL = "https://aws.amazon.com/fargate/pricing/"
#: The day this site took the article's text (an undated draft with no public URL).
ARTICLE_TAKEN = "2026-11-26"
LINKERD_2021_05_URL = "https://linkerd.io/2021/05/27/linkerd-vs-istio-benchmarks/"
LINKERD_2021_11_URL = "https://linkerd.io/2021/11/29/linkerd-vs-istio-benchmarks-2021/"

FARGATE_NOTE = f"AWS Fargate on-demand, Linux/x86, us-east-1, as of March 2026 ({FARGATE_URL})"


def compute(
    *,
    pods: int,
    sidecar_mib: float,
    sidecar_vcpu: float,
    gib_month_price: float,
    vcpu_month_price: float,
    nodes: int,
    node_proxy_mib: float,
    node_proxy_vcpu: float,
) -> dict[str, float]:
    """Every output of ``sidecar_ram`` from checked inputs.

    - ``ram_gib`` = pods * sidecar_mib / 1024: one sidecar per pod, MiB to GiB.
    - ``vcpu`` = pods * sidecar_vcpu.
    - ``monthly_cost`` = ram_gib * gib_month_price + vcpu * vcpu_month_price:
      memory and CPU are billed separately (as Fargate and most clouds do).
    - ``yearly_cost`` = 12 * monthly_cost.
    - ``per_node_*``: the same sums for one proxy per node (ambient ztunnel),
      which grow with nodes, not pods. L7 features in ambient mode need
      waypoint proxies on top; they are not included.
    """
    ram_gib = pods * sidecar_mib / 1024
    vcpu = pods * sidecar_vcpu
    monthly_cost = ram_gib * gib_month_price + vcpu * vcpu_month_price
    per_node_ram_gib = nodes * node_proxy_mib / 1024
    per_node_vcpu = nodes * node_proxy_vcpu
    per_node_monthly_cost = per_node_ram_gib * gib_month_price + per_node_vcpu * vcpu_month_price
    return {
        "ram_gib": ram_gib,
        "vcpu": vcpu,
        "monthly_cost": monthly_cost,
        "yearly_cost": 12 * monthly_cost,
        "per_node_ram_gib": per_node_ram_gib,
        "per_node_vcpu": per_node_vcpu,
        "per_node_monthly_cost": per_node_monthly_cost,
        "per_node_yearly_cost": 12 * per_node_monthly_cost,
    }


def chart(calculator: Calculator, values: dict[str, Any], points: int) -> dict[str, Any]:
    """Growth over pods, from 0 to twice the reader's pods.

    Each point runs :func:`compute` with that many pods. Nodes keep the
    reader's density (pods per node), so a cluster of ``p`` pods has
    ``ceil(p * nodes / pods)`` nodes: the per-node line then grows in steps
    of whole nodes while the sidecar line grows with every pod. "No mesh" is
    0 throughout: without a mesh no proxy runs at all.
    """
    pods, nodes = values["pods"], values["nodes"]
    top = 2 * pods
    xs = sorted({round(i * top / (points - 1)) for i in range(points)} | {pods})
    lines = chart_lines(
        ("ram_gib", "Sidecar per pod", "GiB"),
        ("per_node_ram_gib", "Proxy per node", "GiB"),
        ("no_mesh_ram_gib", "No mesh", "GiB"),
        ("monthly_cost", "Sidecar cost per month", "per month"),
        ("per_node_monthly_cost", "Per-node proxy cost per month", "per month"),
    )
    rows = []
    for p in xs:
        n = -(-p * nodes // pods)  # ceil without floats
        out = {**compute(**{**values, "pods": p, "nodes": n}), "no_mesh_ram_gib": 0.0}
        rows.append({"pods": p, "nodes": n, **chart_point(lines, out)})
    x = {"name": "pods", "label": "Pods", "unit": "pods", "current": pods}
    return {"x": x, "lines": lines, "points": rows}


#: How :func:`chart`'s series is drawn (see :mod:`calculators.charts`).
CHART_SPEC = ChartSpec(
    caption="Memory and monthly cost from no pods to twice yours; nodes grow with pods at your density.",
    panels=(
        Panel(
            "memory", "Memory",
            (Shape("no_mesh_ram_gib", "none"), Shape("per_node_ram_gib", "alt"), Shape("ram_gib", "mesh")),
            ("ram_gib", "per_node_ram_gib"),
        ),
        Panel(
            "cost", "Cost",
            (Shape("per_node_monthly_cost", "alt"), Shape("monthly_cost", "mesh")),
            ("monthly_cost", "per_node_monthly_cost"),
        ),
    ),
    legend=(("mesh", "ram_gib"), ("alt", "per_node_ram_gib"), ("none", "no_mesh_ram_gib")),
    table=("ram_gib", "per_node_ram_gib", "monthly_cost", "per_node_monthly_cost"),
    summary=(
        "At {x}, one sidecar per pod takes {now[ram_gib]} of memory and costs "
        "{now[monthly_cost]}; one proxy per node takes {now[per_node_ram_gib]} and costs "
        "{now[per_node_monthly_cost]}; no mesh takes nothing. At {x_end}: "
        "{end[ram_gib]} with sidecars, {end[per_node_ram_gib]} with one proxy per node."
    ),
)


INPUTS = (
    Input(
        "pods", "Pods", "pods", int, 100, 1, 1_000_000, step=1,
        help="Pods that would each get a sidecar. 100 is the article's example.",
    ),
    Input(
        "sidecar_mib", "Memory per sidecar", "MiB", float, 150.0, 0, 100_000,
        min_inclusive=False, step=0.1,
        help=(
            "150 is the article's high claim ('50MB to 150MB'; no source). With 100 pods it gives "
            "14.65 GiB, the article's '15GB'. Measured use is lower (Istio 1.24.0, 2024-11-07: 60 MB at "
            "1000 rps): see the presets and their sources."
        ),
    ),
    Input(
        "sidecar_vcpu", "CPU per sidecar", "vCPU", float, 0.1, 0, 64, step=0.01,
        help=(
            "0.1 is Istio's default sidecar CPU request (100m), reserved for every pod (istiod chart "
            "values.yaml, global.proxy.resources, istio/istio master read 2026-12-05); "
            "the article gives no CPU figure."
        ),
    ),
    Input(
        "gib_month_price", "Memory price", "per GiB-month", float, 3.24, 0, PRICE_MAX, step=0.01,
        help=(
            f"{FARGATE_NOTE}: 0.004445 per GB-hour x 730 h, applied here per GiB "
            "(a GiB is 7.4% more than a GB). Any currency; results use the same one."
        ),
    ),
    Input(
        "vcpu_month_price", "CPU price", "per vCPU-month", float, 29.55, 0, PRICE_MAX, step=0.01,
        help=f"{FARGATE_NOTE}: 0.04048 per vCPU-hour x 730 h.",
    ),
    Input(
        "nodes", "Nodes", "nodes", int, 10, 1, 100_000, step=1,
        help=(
            "Only for the per-node proxy comparison. The article gives no node count; "
            "10 (about 10 pods per node) is a placeholder: put your own."
        ),
    ),
    Input(
        "node_proxy_mib", "Memory per node proxy", "MiB", float, 12.0, 0, 100_000,
        min_inclusive=False, step=0.1,
        help=(
            "12 MB: one Istio ambient ztunnel per node, measured at 1000 rps, 1 KB (Istio 1.24.0, "
            "2024-11-07; istio.io/v1.24/docs/ops/deployment/performance-and-scalability)."
        ),
    ),
    Input(
        "node_proxy_vcpu", "CPU per node proxy", "vCPU", float, 0.06, 0, 64, step=0.01,
        help=(
            "0.06 vCPU: one ztunnel per node, measured at 1000 rps, 1 KB (Istio 1.24.0, 2024-11-07; "
            "istio.io/v1.24/docs/ops/deployment/performance-and-scalability)."
        ),
    ),
)

OUTPUTS = (
    Output("ram_gib", "Sidecar memory", "GiB", 2, help="pods x memory per sidecar / 1024"),
    Output("vcpu", "Sidecar CPU", "vCPU", 2, help="pods x CPU per sidecar"),
    Output("monthly_cost", "Sidecar cost", "per month", 2,
           help="memory x memory price + CPU x CPU price"),
    Output("yearly_cost", "Sidecar cost", "per year", 2, help="12 x monthly cost"),
    Output("per_node_ram_gib", "Per-node proxy memory", "GiB", 2,
           help="nodes x memory per node proxy / 1024"),
    Output("per_node_vcpu", "Per-node proxy CPU", "vCPU", 2, help="nodes x CPU per node proxy"),
    Output("per_node_monthly_cost", "Per-node proxy cost", "per month", 2,
           help="the same prices applied to the per-node proxies"),
    Output("per_node_yearly_cost", "Per-node proxy cost", "per year", 2,
           help="12 x per-node monthly cost"),
)

PRESETS = (
    Preset(
        "article_low", "Article, low claim: 50 MB",
        {"sidecar_mib": 50.0},
        "The article's low claim: 'a typical Envoy sidecar eats 50MB to 150MB of RAM'. "
        "No source, version or load given; memory only (the article gives no CPU figure; CPU stays as set).",
        published=ARTICLE_TAKEN,
        claim_only=True,
    ),
    Preset(
        "article_high", "Article, high claim: 150 MB",
        {"sidecar_mib": 150.0},
        "The article's high claim: 'a typical Envoy sidecar eats 50MB to 150MB of RAM'. "
        "No source, version or load given; memory only (CPU stays as set). Its '15GB' is 100 pods "
        "x 150 MB; entered as 150 MiB, the calculator shows 14.65 GiB (the same 15,000 MiB).",
        published=ARTICLE_TAKEN,
        claim_only=True,
    ),
    Preset(
        "istio_sidecar_request", "Istio default sidecar request: 128Mi, 100m",
        {"sidecar_mib": 128.0, "sidecar_vcpu": 0.1},
        "Istio's default sidecar resource request (Helm global.proxy.resources; limit "
        "2000m / 1024Mi), istiod chart values.yaml, istio/istio master at commit b0d2c6a, "
        "read 2026-12-05. Reserved by the scheduler for every pod, not measured use. "
        "100 pods x 128Mi = 12.5 GiB reserved: the article's '10GB to 15GB'.",
        ISTIO_VALUES_URL,
        published="2026-12-05",
    ),
    Preset(
        "istio_1_24_measured", "Istio 1.24 measured sidecar: 60 MB, 0.20 vCPU",
        {"sidecar_mib": 60.0, "sidecar_vcpu": 0.2},
        "Measured use of one Envoy sidecar, Istio 1.24 performance and scalability page: "
        "0.20 vCPU and 60 MB at 1000 HTTP requests per second, 1 KB payload, 2 worker threads "
        "(Istio 1.24.0, 2024-11-07; still the figure on istio.io's latest page in 2026-12).",
        ISTIO_1_24_URL,
        published="2024-11-07",
    ),
    Preset(
        "linkerd_2_11_1_peak", "Linkerd 2.11.1 measured peak: 26.3 MB",
        {"sidecar_mib": 26.3},
        "Peak memory of any single Linkerd proxy, Linkerd 2.11.1 (Istio 1.12.0: 156.2 MB), "
        "2000 rps, 6 bare-metal nodes, mTLS; benchmark published by Linkerd, 2021-11-29. "
        "Measured; memory only (CPU stays as set).",
        LINKERD_2021_11_URL,
        published="2021-11-29",
    ),
    Preset(
        "linkerd_2_10_2_peak", "Linkerd 2.10.2 measured peak: 17.8 MB",
        {"sidecar_mib": 17.8},
        "Peak memory of any single Linkerd proxy, Linkerd 2.10.2 (Istio 1.10.0: 154.6 MB), "
        "2000 rps, 6 bare-metal nodes, mTLS; benchmark published by Linkerd, 2021-05-27. "
        "Measured; memory only (CPU stays as set).",
        LINKERD_2021_05_URL,
        published="2021-05-27",
    ),
    Preset(
        "istio_1_10_0_peak", "Istio 1.10.0 measured peak: 154.6 MB",
        {"sidecar_mib": 154.6},
        "Peak memory of any single Istio sidecar, Istio 1.10.0 (Linkerd 2.10.2: 17.8 MB), "
        "2000 rps, 6 bare-metal nodes, mTLS; benchmark published by Linkerd, 2021-05-27. "
        "A peak, not typical use; memory only (CPU stays as set).",
        LINKERD_2021_05_URL,
        published="2021-05-27",
    ),
    Preset(
        "istio_1_12_0_peak", "Istio 1.12.0 measured peak: 156.2 MB",
        {"sidecar_mib": 156.2},
        "Peak memory of any single Istio sidecar, Istio 1.12.0 (Linkerd 2.11.1: 26.3 MB), "
        "2000 rps, 6 bare-metal nodes, mTLS; benchmark published by Linkerd, 2021-11-29. "
        "A peak, not typical use; memory only (CPU stays as set).",
        LINKERD_2021_11_URL,
        published="2021-11-29",
    ),
)

CALCULATOR = Calculator(
    name="sidecar_ram",
    title="Sidecar memory, CPU and cost",
    summary=(
        "What one proxy per pod costs across a cluster, next to one proxy per node "
        "(Istio ambient's ztunnel)."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    presets=PRESETS,
    chart=chart,
    chart_spec=CHART_SPEC,
)


def series(values: dict[str, object] | None = None, points: int = 21) -> dict[str, Any]:
    """Chart data over pods 0 .. 2 x pods (see :func:`chart`)."""
    return CALCULATOR.series(values, points)
