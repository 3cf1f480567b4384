"""sidecar_ram: the memory, CPU and money that a mesh's proxies take.

A sidecar mesh puts one proxy in every pod, so its cost grows with the number
of pods. Istio's ambient mode runs one ztunnel per node instead, plus
waypoint proxies only where L7 features are wanted; both modes run the same
control plane (istiod). The ``per_node_*`` outputs are the ztunnels alone;
the ``*_total_*`` outputs compare the two modes whole: sidecars plus control
plane against ztunnels plus waypoints plus control plane.

Units: memory per proxy is entered in MiB and reported in GiB, so
``GiB = MiB / 1024`` (Kubernetes' ``Mi``/``Gi`` are these binary units).
Published figures that say "MB" are taken as MiB as written: the two differ
by under 5 %, far less than the spread between the sources.

Compare like with like. A *request* (128Mi, 100m for an Istio sidecar) is
what the scheduler sets aside for every pod whether it is used or not;
measured use (Istio 1.24: 60 MB, 0.20 vCPU at 1000 rps) is what a busy proxy
consumes. The defaults are every proxy's default request from one release's
charts (Istio 1.30.0), so the two modes are compared reservation against
reservation; the measured preset sets every proxy to measured use. Every
default and preset comes from the register of figures (``figures.toml``).
"""

from __future__ import annotations

from typing import Any

from .charts import ChartSpec, Panel, Shape
from .figures import HOURS_PER_MONTH, figure
from .schema import PRICE_MAX, Calculator, Input, Output, Preset, chart_lines, chart_point



def _cite(figure_id: str) -> str:
    """``128Mi: default request ... (source, version, published)``, for help texts."""
    item = figure(figure_id)
    return f"{item.text()}, {item.label} ({item.kind}; {item.source}, {item.version}, {item.published})"


def _monthly(figure_id: str) -> float:
    """An hourly price as a monthly one, rounded to the cent as the form shows it."""
    return round(figure(figure_id).number * HOURS_PER_MONTH, 2)


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
    waypoints: int,
    waypoint_mib: float,
    waypoint_vcpu: float,
    control_plane_mib: float,
    control_plane_vcpu: float,
) -> dict[str, float]:
    """Every output of ``sidecar_ram`` from checked inputs.

    - ``ram_gib`` = pods * sidecar_mib / 1024: one sidecar per pod, MiB to GiB.
    - ``vcpu`` = pods * sidecar_vcpu.
    - ``monthly_cost`` = ram_gib * gib_month_price + vcpu * vcpu_month_price:
      memory and CPU are billed separately (as Fargate and most clouds do).
    - ``yearly_cost`` = 12 * monthly_cost.
    - ``per_node_*``: the same sums for the ztunnels, one per node.
    - ``sidecar_total_*``: sidecars plus the control plane.
    - ``ambient_total_*``: ztunnels, plus waypoints, plus the control plane.
    """

    def priced(gib: float, cpus: float) -> float:
        return gib * gib_month_price + cpus * vcpu_month_price

    ram_gib = pods * sidecar_mib / 1024
    vcpu = pods * sidecar_vcpu
    monthly_cost = priced(ram_gib, vcpu)
    per_node_ram_gib = nodes * node_proxy_mib / 1024
    per_node_vcpu = nodes * node_proxy_vcpu
    per_node_monthly_cost = priced(per_node_ram_gib, per_node_vcpu)
    control_gib = control_plane_mib / 1024
    sidecar_total_ram_gib = ram_gib + control_gib
    sidecar_total_vcpu = vcpu + control_plane_vcpu
    ambient_total_ram_gib = per_node_ram_gib + waypoints * waypoint_mib / 1024 + control_gib
    ambient_total_vcpu = per_node_vcpu + waypoints * waypoint_vcpu + control_plane_vcpu
    return {
        "ram_gib": ram_gib,
        "vcpu": vcpu,
        "monthly_cost": monthly_cost,
        "yearly_cost": 12 * monthly_cost,
        "per_node_ram_gib": per_node_ram_gib,
        "per_node_vcpu": per_node_vcpu,
        "per_node_monthly_cost": per_node_monthly_cost,
        "per_node_yearly_cost": 12 * per_node_monthly_cost,
        "sidecar_total_ram_gib": sidecar_total_ram_gib,
        "sidecar_total_vcpu": sidecar_total_vcpu,
        "sidecar_total_monthly_cost": priced(sidecar_total_ram_gib, sidecar_total_vcpu),
        "ambient_total_ram_gib": ambient_total_ram_gib,
        "ambient_total_vcpu": ambient_total_vcpu,
        "ambient_total_monthly_cost": priced(ambient_total_ram_gib, ambient_total_vcpu),
    }


def chart(calculator: Calculator, values: dict[str, Any], points: int) -> dict[str, Any]:
    """Growth over pods, from 0 to twice the reader's pods, both modes whole.

    Each point runs :func:`compute` with that many pods. Nodes keep the
    reader's density (pods per node), so a cluster of ``p`` pods has
    ``ceil(p * nodes / pods)`` nodes: the ambient line then grows in steps
    of whole nodes while the sidecar line grows with every pod. Waypoints
    and the control plane stay as entered. "No mesh" is 0 throughout:
    without a mesh no proxy runs at all.
    """
    pods, nodes = values["pods"], values["nodes"]
    top = 2 * pods
    xs = sorted({round(i * top / (points - 1)) for i in range(points)} | {pods})
    lines = chart_lines(
        ("sidecar_total_ram_gib", "Sidecar mode", "GiB"),
        ("ambient_total_ram_gib", "Ambient mode", "GiB"),
        ("no_mesh_ram_gib", "No mesh", "GiB"),
        ("sidecar_total_monthly_cost", "Sidecar mode cost per month", "per month"),
        ("ambient_total_monthly_cost", "Ambient mode cost per month", "per month"),
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
    caption=(
        "Memory and monthly cost of each mode, control plane included, from no pods to twice yours; "
        "nodes grow with pods at your density."
    ),
    panels=(
        Panel(
            "memory", "Memory",
            (Shape("no_mesh_ram_gib", "none"), Shape("ambient_total_ram_gib", "alt"),
             Shape("sidecar_total_ram_gib", "mesh")),
            ("sidecar_total_ram_gib", "ambient_total_ram_gib"),
        ),
        Panel(
            "cost", "Cost",
            (Shape("ambient_total_monthly_cost", "alt"), Shape("sidecar_total_monthly_cost", "mesh")),
            ("sidecar_total_monthly_cost", "ambient_total_monthly_cost"),
        ),
    ),
    legend=(("mesh", "sidecar_total_ram_gib"), ("alt", "ambient_total_ram_gib"), ("none", "no_mesh_ram_gib")),
    table=("sidecar_total_ram_gib", "ambient_total_ram_gib", "sidecar_total_monthly_cost",
           "ambient_total_monthly_cost"),
    summary=(
        "At {x}, sidecar mode takes {now[sidecar_total_ram_gib]} of memory and costs "
        "{now[sidecar_total_monthly_cost]}; ambient mode takes {now[ambient_total_ram_gib]} and costs "
        "{now[ambient_total_monthly_cost]}; no mesh takes nothing. At {x_end}: "
        "{end[sidecar_total_ram_gib]} in sidecar mode, {end[ambient_total_ram_gib]} in ambient mode."
    ),
)

RESERVED = "Default request (reserved, not used)"


def _reserved(name: str, label: str, figure_id: str, maximum: float, extra: str = "", zero: bool = False) -> Input:
    """A proxy's memory (MiB) or CPU (vCPU) input whose default is its chart's request.

    A running proxy's memory is above 0; ``zero`` allows 0 where the thing may
    not run here at all (a control plane the cloud provider hosts)."""
    memory = name.endswith("_mib")
    unit = "MiB" if memory else "vCPU"
    return Input(
        name, label, unit, float, figure(figure_id).amount(unit), 0, maximum,
        min_inclusive=zero or not memory, step=0.1 if memory else 0.01,
        help=f"{RESERVED}: {_cite(figure_id)}.{extra}",
    )


INPUTS = (
    Input(
        "pods", "Pods", "pods", int, 100, 1, 1_000_000, step=1,
        help="Pods that would each get a sidecar. 100 is the article's example.",
    ),
    _reserved("sidecar_mib", "Memory per sidecar", "istio_1_30_sidecar_request_memory", 100_000,
              " The article claims 50 to 150 MB (no source); with 100 pods its 150 MB gives 14.65 GiB, its "
              "'15GB'. Measured use is lower: see the presets."),
    _reserved("sidecar_vcpu", "CPU per sidecar", "istio_1_30_sidecar_request_cpu", 64,
              " The article gives no CPU figure."),
    Input(
        "gib_month_price", "Memory price", "per GiB-month", float, _monthly("fargate_memory_price"),
        0, PRICE_MAX, step=0.01,
        help=(
            f"{_cite('fargate_memory_price')}, x {HOURS_PER_MONTH} h, applied here per GiB "
            "(a GiB is 7.4% more than a GB). Any currency; results use the same one."
        ),
    ),
    Input(
        "vcpu_month_price", "CPU price", "per vCPU-month", float, _monthly("fargate_vcpu_price"),
        0, PRICE_MAX, step=0.01,
        help=f"{_cite('fargate_vcpu_price')}, x {HOURS_PER_MONTH} h.",
    ),
    Input(
        "nodes", "Nodes", "nodes", int, 10, 1, 100_000, step=1,
        help=(
            "Only for ambient mode (one ztunnel per node). The article gives no node count; "
            "10 (about 10 pods per node) is a placeholder: put your own."
        ),
    ),
    _reserved("node_proxy_mib", "Memory per ztunnel (per node)", "istio_1_30_ztunnel_request_memory", 100_000),
    _reserved("node_proxy_vcpu", "CPU per ztunnel (per node)", "istio_1_30_ztunnel_request_cpu", 64),
    Input(
        "waypoints", "Waypoints", "proxies", int, 0, 0, 100_000, step=1,
        help=(
            "Waypoint proxies in ambient mode, for the namespaces or services that need L7 features "
            "(HTTP routing, L7 policy). 0 is ambient with ztunnel only; count each replica."
        ),
    ),
    _reserved("waypoint_mib", "Memory per waypoint", "istio_1_30_waypoint_request_memory", 100_000),
    _reserved("waypoint_vcpu", "CPU per waypoint", "istio_1_30_waypoint_request_cpu", 64),
    _reserved("control_plane_mib", "Control plane memory", "istio_1_30_istiod_request_memory", 1_000_000,
              " Count every replica. Both modes run it; 0 if your provider hosts it.", zero=True),
    _reserved("control_plane_vcpu", "Control plane CPU", "istio_1_30_istiod_request_cpu", 1_000,
              " Count every replica. Both modes run it; 0 if your provider hosts it."),
)

OUTPUTS = (
    Output("ram_gib", "Sidecar memory", "GiB", 2, help="pods x memory per sidecar / 1024"),
    Output("vcpu", "Sidecar CPU", "vCPU", 2, help="pods x CPU per sidecar"),
    Output("monthly_cost", "Sidecar cost", "per month", 2,
           help="memory x memory price + CPU x CPU price"),
    Output("yearly_cost", "Sidecar cost", "per year", 2, help="12 x monthly cost"),
    Output("per_node_ram_gib", "ztunnel memory", "GiB", 2,
           help="nodes x memory per ztunnel / 1024"),
    Output("per_node_vcpu", "ztunnel CPU", "vCPU", 2, help="nodes x CPU per ztunnel"),
    Output("per_node_monthly_cost", "ztunnel cost", "per month", 2,
           help="the same prices applied to the ztunnels"),
    Output("per_node_yearly_cost", "ztunnel cost", "per year", 2,
           help="12 x ztunnel monthly cost"),
    Output("sidecar_total_ram_gib", "Sidecar mode, whole: memory", "GiB", 2,
           help="sidecar memory + control plane memory"),
    Output("sidecar_total_vcpu", "Sidecar mode, whole: CPU", "vCPU", 2,
           help="sidecar CPU + control plane CPU"),
    Output("sidecar_total_monthly_cost", "Sidecar mode, whole: cost", "per month", 2,
           help="the same prices applied to sidecars and control plane"),
    Output("ambient_total_ram_gib", "Ambient mode, whole: memory", "GiB", 2,
           help="ztunnel memory + waypoints x memory per waypoint / 1024 + control plane memory"),
    Output("ambient_total_vcpu", "Ambient mode, whole: CPU", "vCPU", 2,
           help="ztunnel CPU + waypoints x CPU per waypoint + control plane CPU"),
    Output("ambient_total_monthly_cost", "Ambient mode, whole: cost", "per month", 2,
           help="the same prices applied to ztunnels, waypoints and control plane"),
)

MEMORY_ONLY = "Memory only: CPU and the ambient inputs stay as set."

PRESETS = (
    Preset.cited("article_low", "Article, low claim: 50 MB", {"sidecar_mib": "article_sidecar_memory:low"}, INPUTS,
                 note="The low end of the article's range. " + MEMORY_ONLY),
    Preset.cited("article_high", "Article, high claim: 150 MB", {"sidecar_mib": "article_sidecar_memory:high"}, INPUTS,
                 note="The high end of the article's range: 100 pods x 150 MB is its '15GB' (14.65 GiB as MiB). "
                 + MEMORY_ONLY),
    Preset.cited(
        "istio_sidecar_request", "Istio 1.30 default requests (reserved)",
        {
            "sidecar_mib": "istio_1_30_sidecar_request_memory", "sidecar_vcpu": "istio_1_30_sidecar_request_cpu",
            "node_proxy_mib": "istio_1_30_ztunnel_request_memory",
            "node_proxy_vcpu": "istio_1_30_ztunnel_request_cpu",
            "waypoint_mib": "istio_1_30_waypoint_request_memory",
            "waypoint_vcpu": "istio_1_30_waypoint_request_cpu",
            "control_plane_mib": "istio_1_30_istiod_request_memory",
            "control_plane_vcpu": "istio_1_30_istiod_request_cpu",
        },
        INPUTS,
        note="Every proxy at its chart's default request: reserved by the scheduler, not measured use. "
        "100 pods x 128Mi = 12.5 GiB reserved: the article's '10GB to 15GB'.",
    ),
    Preset.cited(
        "istio_1_24_measured", "Istio 1.24 measured use (every proxy at 1000 rps)",
        {
            "sidecar_mib": "istio_1_24_sidecar_memory", "sidecar_vcpu": "istio_1_24_sidecar_cpu",
            "node_proxy_mib": "istio_1_24_ztunnel_memory", "node_proxy_vcpu": "istio_1_24_ztunnel_cpu",
            "waypoint_mib": "istio_1_24_waypoint_memory", "waypoint_vcpu": "istio_1_24_waypoint_cpu",
            "control_plane_mib": "istio_1_16_istiod_memory", "control_plane_vcpu": "istio_1_16_istiod_cpu",
        },
        INPUTS,
        note="Measured use, every proxy at the load Istio measured it at (idle proxies use less). Istio's "
        "newest published istiod use is from 1.16, for 1,000 services; 1.5 GB is entered as 1536 MiB.",
    ),
    *(
        Preset.cited(name, label, {"sidecar_mib": figure_id}, INPUTS,
                     note=f"A peak of one proxy, not typical use; compare it with {pair}, of the same run. "
                     + MEMORY_ONLY)
        for name, label, figure_id, pair in (
            ("linkerd_2_11_1_peak", "Linkerd 2.11.1 measured peak: 26.3 MB", "linkerd_2_11_1_peak_memory",
             "Istio 1.12.0's"),
            ("linkerd_2_10_2_peak", "Linkerd 2.10.2 measured peak: 17.8 MB", "linkerd_2_10_2_peak_memory",
             "Istio 1.10.0's"),
            ("istio_1_10_0_peak", "Istio 1.10.0 measured peak: 154.6 MB", "istio_1_10_0_peak_memory",
             "Linkerd 2.10.2's"),
            ("istio_1_12_0_peak", "Istio 1.12.0 measured peak: 156.2 MB", "istio_1_12_0_peak_memory",
             "Linkerd 2.11.1's"),
        )
    ),
)

CALCULATOR = Calculator(
    name="sidecar_ram",
    title="Sidecar memory, CPU and cost",
    summary=(
        "What one proxy per pod costs across a cluster, next to Istio's ambient mode (a ztunnel per node, "
        "waypoints where needed), control plane included, reservation against reservation or use against use."
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
