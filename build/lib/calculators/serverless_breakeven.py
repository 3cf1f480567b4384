"""serverless_breakeven: pay-per-request functions against an always-on VPS.

A function platform bills every request twice: once per request and once per
GB-second of memory held while the request runs. A VPS costs the same every
month whatever the traffic. So the function's bill grows in a straight line
with requests per second and the VPS's does not: below some rate the function
is cheaper, above it the VPS is. That rate is ``breakeven_rps``.

A month is 730 hours (the figure cloud price pages use: 8,760 h / 12), so one
request per second, sustained, is 730 x 3,600 = 2,628,000 requests a month.

What the formula leaves out, on purpose (the page says so too):

- the free tier (AWS Lambda: 1M requests and 400,000 GB-seconds a month,
  shared by every function in the account): once used up, it takes a flat
  amount off the bill (about 6.87 at the x86 prices), which moves the
  break-even up; the page works out by how much;
- volume discounts (Lambda's tiers start at 6 billion GB-seconds a month on
  x86), Savings Plans, provisioned concurrency, API gateways, data transfer
  and the VPS's own headroom: a VPS has a capacity limit, so past it you need
  a second one.

Memory is entered in MiB and billed per GB-second with ``GB = MiB / 1024``,
as Lambda does (128 MB of configured memory is 0.125 GB).
"""

from __future__ import annotations

from .figures import HOURS_PER_MONTH, figure
from .schema import PRICE_MAX, Calculator, Input, Output, Preset, ratio

#: Requests in a month at one request per second, sustained.
REQUESTS_PER_RPS_MONTH = HOURS_PER_MONTH * 3600  # 2,628,000

UNIT_PRICE_MAX = 1_000_000  # a per-GB-second or per-million-requests price in any currency

#: The Lightsail plans every calculator that compares with a VPS offers (cluster_vs_vps too):
#: monthly price in dollars -> the register's figure for that plan.
LIGHTSAIL_PLANS = {5.0: "lightsail_512mb_price", 12.0: "lightsail_2gb_price", 24.0: "lightsail_4gb_price"}


def lightsail_preset(name: str, label: str, price: float, caveat: str = "") -> Preset:
    """A preset setting ``vps_month_price`` to one plan of :data:`LIGHTSAIL_PLANS`."""
    return Preset.cited(name, label, {"vps_month_price": LIGHTSAIL_PLANS[price]}, INPUTS, note=caveat.strip())


def _price_help(figure_id: str, more: str = "") -> str:
    """An input's help: the default's figure with its citation, from the register."""
    item = figure(figure_id)
    return f"{item.text()}: {item.label}, {item.conditions} ({item.source}, checked {item.checked}).{more}"


def compute(
    *,
    requests_per_second: float,
    duration_ms: float,
    memory_mib: float,
    price_per_gb_second: float,
    price_per_million_requests: float,
    vps_month_price: float,
) -> dict[str, float | None]:
    """Every output of ``serverless_breakeven`` from checked inputs.

    - ``monthly_requests`` = requests_per_second * 2,628,000 (730 h).
    - ``cost_per_rps_month`` = 2,628,000 * (duration_ms / 1000 * memory_mib / 1024
      * price_per_gb_second + price_per_million_requests / 1e6): what one request
      per second, sustained for a month, costs on the function platform.
    - ``function_monthly_cost`` = requests_per_second * cost_per_rps_month (the
      issue's formula, no free tier).
    - ``vps_monthly_cost`` = vps_month_price: flat, whatever the traffic.
    - ``breakeven_rps`` = vps_month_price / cost_per_rps_month, the rate at which
      the two are equal; None ("never") when a request costs nothing, because
      the function's line then never rises to meet the VPS's (or costs so
      little that the rate is beyond any float).
    - ``cost_ratio`` = function_monthly_cost / vps_monthly_cost; None when the
      VPS costs nothing (there is nothing to divide by).
    """
    gb_seconds_per_request = duration_ms / 1000 * memory_mib / 1024
    per_request = gb_seconds_per_request * price_per_gb_second + price_per_million_requests / 1e6
    cost_per_rps_month = REQUESTS_PER_RPS_MONTH * per_request
    function_monthly_cost = requests_per_second * cost_per_rps_month
    return {
        "function_monthly_cost": function_monthly_cost,
        "vps_monthly_cost": vps_month_price,
        "breakeven_rps": ratio(vps_month_price, cost_per_rps_month),
        "cost_ratio": ratio(function_monthly_cost, vps_month_price),
        "monthly_requests": requests_per_second * REQUESTS_PER_RPS_MONTH,
        "cost_per_rps_month": cost_per_rps_month,
    }


INPUTS = (
    Input(
        "requests_per_second", "Requests per second", "requests per second", float, 10.0, 0, 1_000_000,
        step=0.1,
        help=(
            "Average over the whole month, not the peak: the bill follows the average. "
            "10 is a placeholder (no published figure fits your service): put your own."
        ),
    ),
    Input(
        "duration_ms", "Duration per request", "ms", float, 100.0, 0, 900_000, min_inclusive=False, step=1,
        help=(
            "Billed run time of one invocation, including initialisation on a cold start. "
            "100 ms is a placeholder: read your own average from the platform's metrics."
        ),
    ),
    Input(
        "memory_mib", "Memory per function", "MiB", float, 512.0, 0, 102_400, min_inclusive=False, step=1,
        help=(
            "Configured memory (you pay for what is configured, not what is used); "
            "billed as MiB / 1024 GB. 512 is a placeholder: put your function's setting."
        ),
    ),
    Input(
        "price_per_gb_second", "Price per GB-second", "per GB-second", float, 0.0000166667, 0, UNIT_PRICE_MAX,
        step=0.0000000001,
        help=_price_help("lambda_x86_gb_second", " Any currency; results use the same one."),
    ),
    Input(
        "price_per_million_requests", "Price per million requests", "per million requests", float, 0.2, 0,
        UNIT_PRICE_MAX, step=0.01,
        help=_price_help("lambda_request_price"),
    ),
    Input(
        "vps_month_price", "VPS price", "per month", float, 12.0, 0, PRICE_MAX, step=0.01,
        help=_price_help(
            "lightsail_2gb_price", " Use a server that can carry your traffic: the sum assumes one is enough."
        ),
    ),
)

OUTPUTS = (
    Output("function_monthly_cost", "Function cost", "per month", 2,
           help="requests per second x 2,628,000 x (GB-seconds per request x price + request price); no free tier"),
    Output("vps_monthly_cost", "VPS cost", "per month", 2, help="the VPS price: flat, whatever the traffic"),
    Output("breakeven_rps", "Break-even", "requests per second", 2, none_text="never",
           help="VPS price / cost of one request per second for a month; never when a request costs nothing"),
    Output("cost_ratio", "Function cost / VPS cost", "x", 2, none_text="n/a (the VPS costs nothing)",
           help="function cost per month / VPS cost per month"),
    Output("monthly_requests", "Requests", "per month", 0, help="requests per second x 2,628,000 (730 h)"),
    Output("cost_per_rps_month", "One request per second costs", "per month", 2,
           help="2,628,000 x cost of one request: the slope of the function's line"),
)

#: Every preset's value and citation comes from calculators/figures.toml.
PRESETS = (
    Preset.cited(
        "lambda_x86_us_east_1", f"AWS Lambda x86, us-east-1: {figure('lambda_x86_gb_second').text()}",
        {"price_per_gb_second": "lambda_x86_gb_second", "price_per_million_requests": "lambda_request_price"}, INPUTS,
        note="Free tier not applied.",
    ),
    Preset.cited(
        "lambda_arm_us_east_1", f"AWS Lambda Arm (Graviton2), us-east-1: {figure('lambda_arm_gb_second').text()}",
        {"price_per_gb_second": "lambda_arm_gb_second", "price_per_million_requests": "lambda_request_price"}, INPUTS,
        note="Free tier not applied.",
    ),
    lightsail_preset(
        "lightsail_512mb", "Amazon Lightsail $5 plan (512 MB)", 5.0,
        "The smallest plan: check it can carry your traffic before you compare.",
    ),
    lightsail_preset("lightsail_2gb", "Amazon Lightsail $12 plan (2 GB)", 12.0),
    lightsail_preset("lightsail_4gb", "Amazon Lightsail $24 plan (4 GB)", 24.0),
)

CALCULATOR = Calculator(
    name="serverless_breakeven",
    title="Functions or a VPS: the break-even",
    summary=(
        "What a pay-per-request function costs a month at your traffic, next to a flat-priced VPS, "
        "and the request rate at which the two cost the same."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    presets=PRESETS,
)
