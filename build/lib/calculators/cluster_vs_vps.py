"""cluster_vs_vps: a managed Kubernetes cluster against a few plain servers, per month.

The related article claims that a startup adopting Kubernetes early takes on
a bigger cloud bill and a team to run it, where a single VPS would do. This
calculator puts both sides in one sum so a team can check the claim with its
own prices:

- the cluster: worker nodes, the managed control plane's fee, load balancers,
  and the people who run it (``platform_fte`` people-months per month, i.e.
  the share of full-time engineers spent on the cluster, times their monthly
  cost);
- the servers: ``vps_count`` x the VPS price.

People are in the sum because they are the larger cost for a small team and
the one the article stresses; ``cluster_infra_monthly_cost`` shows the
cluster without them, so a reader can argue about each half separately.

Left out, on purpose: the VPS side's own operations time (patching, backups,
a deploy script: not zero, but the page discusses it rather than guessing a
number), storage, NAT gateways, data transfer, load-balancer capacity units
(the presets use the hourly charge only) and discounts.
"""

from __future__ import annotations

from .figures import figure
from .schema import PRICE_MAX, Calculator, Input, Output, Preset
from .serverless_breakeven import lightsail_preset


def _price_help(figure_id: str, more: str = "") -> str:
    """An input's help: the default's figure with its citation, from the register."""
    item = figure(figure_id)
    secondary = ", a secondary source" if not item.primary else ""
    return f"{item.text()}: {item.label}, {item.conditions} ({item.source}{secondary}, checked {item.checked}).{more}"


def compute(
    *,
    nodes: int,
    node_month_price: float,
    control_plane_month_price: float,
    load_balancers: int,
    load_balancer_month_price: float,
    platform_fte: float,
    fte_month_cost: float,
    vps_count: int,
    vps_month_price: float,
) -> dict[str, float]:
    """Every output of ``cluster_vs_vps`` from checked inputs.

    - ``cluster_infra_monthly_cost`` = nodes * node_month_price +
      control_plane_month_price + load_balancers * load_balancer_month_price.
    - ``platform_people_monthly_cost`` = platform_fte * fte_month_cost.
    - ``cluster_monthly_cost`` = the two added (the issue's formula).
    - ``vps_monthly_cost`` = vps_count * vps_month_price.
    - ``monthly_difference`` = cluster_monthly_cost - vps_monthly_cost:
      positive when the cluster costs more; negative is shown as it is.
    - ``yearly_difference`` = 12 * monthly_difference.
    - ``infra_monthly_difference`` = the same difference without the people.
    """
    infra = nodes * node_month_price + control_plane_month_price + load_balancers * load_balancer_month_price
    people = platform_fte * fte_month_cost
    cluster = infra + people
    vps = vps_count * vps_month_price
    return {
        "cluster_monthly_cost": cluster,
        "vps_monthly_cost": vps,
        "monthly_difference": cluster - vps,
        "yearly_difference": 12 * (cluster - vps),
        "cluster_infra_monthly_cost": infra,
        "platform_people_monthly_cost": people,
        "infra_monthly_difference": infra - vps,
    }


INPUTS = (
    Input(
        "nodes", "Worker nodes", "nodes", int, 3, 0, 100_000, step=1,
        help=(
            "Nodes running all the time. 3 is a placeholder (one per availability zone is a common "
            "minimum for a production cluster): put your own."
        ),
    ),
    Input(
        "node_month_price", "Price per node", "per month", float, 59.568, 0, PRICE_MAX, step=0.01,
        help=_price_help("ec2_m7g_large_price", " Use your own node type and discounts."),
    ),
    Input(
        "control_plane_month_price", "Control plane", "per month", float, 73.0, 0, PRICE_MAX, step=0.01,
        help=_price_help("eks_standard_support_price", " Extended support costs more: see the presets."),
    ),
    Input(
        "load_balancers", "Load balancers", "load balancers", int, 1, 0, 10_000, step=1,
        help="Cloud load balancers in front of the cluster. 1 is a placeholder: count your ingresses.",
    ),
    Input(
        "load_balancer_month_price", "Price per load balancer", "per month", float, 16.425, 0, PRICE_MAX,
        step=0.01,
        help=_price_help(
            "alb_hour_price", " Capacity units come on top and grow with traffic: they are not included."
        ),
    ),
    Input(
        "platform_fte", "People running the cluster", "FTE", float, 0.5, 0, 10_000, step=0.05,
        help=(
            "Share of full-time engineers spent on the cluster each month (upgrades, add-ons, incidents): "
            "1 is one person full time. 0.5 is a placeholder: no published figure fits your team."
        ),
    ),
    Input(
        "fte_month_cost", "Cost of one engineer", "per month", float, 10_000.0, 0, PRICE_MAX, step=1,
        help=(
            "Loaded monthly cost of one engineer (salary, tax, benefits). 10,000 is a placeholder "
            "with no source: put your own, in the same currency as the prices."
        ),
    ),
    Input(
        "vps_count", "Servers (VPS)", "servers", int, 1, 0, 100_000, step=1,
        help="Plain servers that would carry the same product. 1 is the article's 'single VPS'.",
    ),
    Input(
        "vps_month_price", "Price per server", "per month", float, 24.0, 0, PRICE_MAX, step=0.01,
        help=_price_help("lightsail_4gb_price"),
    ),
)

OUTPUTS = (
    Output("cluster_monthly_cost", "Cluster cost", "per month", 2,
           help="nodes x node price + control plane + load balancers x price + people x engineer cost"),
    Output("vps_monthly_cost", "Servers cost", "per month", 2, help="servers x price per server"),
    Output("monthly_difference", "Cluster minus servers", "per month", 2, signed=True,
           help="cluster cost - servers cost; negative when the cluster is cheaper"),
    Output("yearly_difference", "Cluster minus servers", "per year", 2, signed=True, help="12 x the monthly difference"),
    Output("cluster_infra_monthly_cost", "Cluster infrastructure only", "per month", 2,
           help="nodes, control plane and load balancers, without the people"),
    Output("platform_people_monthly_cost", "People running the cluster", "per month", 2,
           help="people x engineer cost"),
    Output("infra_monthly_difference", "Infrastructure only: cluster minus servers", "per month", 2, signed=True,
           help="cluster infrastructure - servers cost"),
)

#: Every preset's value and citation comes from calculators/figures.toml (hourly prices x 730 h).
PRESETS = (
    Preset.cited(
        "eks_standard_support", "Amazon EKS, standard support: $0.10 per hour",
        {"control_plane_month_price": "eks_standard_support_price"}, INPUTS,
    ),
    Preset.cited(
        "eks_extended_support", "Amazon EKS, extended support: $0.60 per hour",
        {"control_plane_month_price": "eks_extended_support_price"}, INPUTS, note="The price of skipping upgrades.",
    ),
    Preset.cited(
        "gke_free_tier_cluster", "GKE, one zonal or Autopilot cluster in the free tier: 0",
        {"control_plane_month_price": "gke_one_cluster_fee_after_credit"}, INPUTS,
        note=f"The fee is {figure('gke_cluster_fee').text()}; the credit is {figure('gke_free_credit').text()}.",
    ),
    Preset.cited(
        "alb_us_east_1", "AWS Application Load Balancer: $0.0225 per hour",
        {"load_balancer_month_price": "alb_hour_price"}, INPUTS,
        note=f"Before capacity units ({figure('alb_lcu_price').text()}).",
    ),
    lightsail_preset("lightsail_2gb_vps", "Amazon Lightsail $12 plan (2 GB) as the VPS", 12.0),
    lightsail_preset("lightsail_4gb_vps", "Amazon Lightsail $24 plan (4 GB) as the VPS", 24.0),
)

CALCULATOR = Calculator(
    name="cluster_vs_vps",
    title="A managed cluster or a few servers",
    summary=(
        "A month of a managed Kubernetes cluster (nodes, control plane, load balancers and the people "
        "who run it) next to the same month on plain servers."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    presets=PRESETS,
)
