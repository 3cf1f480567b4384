"""mesh_fit: the "Keep the mesh out" checklist as a form, with a verdict.

The article's test (its section "Keep the Mesh Out"): "If you don't have
hundreds of microservices, multiple independent teams deploying to the same
cluster daily, and a dedicated platform team whose sole job is cluster
administration, do not install a service mesh." Two of its words need a
number before a form can check them; this module fixes one reading, and
every page quotes :data:`CONDITIONS` word for word:

- "hundreds of microservices" is read as at least
  :data:`SERVICES_THRESHOLD` (200): the plural "hundreds" means two hundred
  or more, and one hundred would be "a hundred".
- "multiple independent teams" is read as at least :data:`TEAMS_THRESHOLD`
  (3): two teams can still agree on one client library over lunch; from
  three on, no single team coordinates every client, which is what the
  article's scale argument rests on.
- "a dedicated platform team whose sole job is cluster administration" is a
  yes/no answer.

The guide's Part 2 asks whether there is a problem a simpler answer does not
solve (:data:`REQUIREMENTS`). The verdict, stated once in :data:`RULES`
(pages render that table through the ``calculator-rule`` fence, so the
guide's prose and this function cannot say different things):

- all three conditions met and at least one requirement: ``mesh_reasonable``;
- all three conditions met and no requirement: ``not_yet`` (the scale is
  there, the need is not);
- a condition unmet but a requirement there: ``requirement_below_scale``:
  the article's scale is missing, the requirement is not, so meet it with
  the lightest option that does (per requirement, :data:`REQUIREMENTS` names
  what to compare and the options page's section);
- a condition unmet and no requirement: ``no_mesh``, the article's advice.

``reason`` names what decided the verdict: the unmet conditions, the
requirements that are met, and what to compare for each.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import Calculator, Input, Output, Rule

#: "Hundreds of microservices", read as two hundred or more.
SERVICES_THRESHOLD = 200
#: "Multiple independent teams", read as three or more.
TEAMS_THRESHOLD = 3

#: The article's three conditions, one wording everywhere (pages quote these).
CONDITIONS = (
    f'At least {SERVICES_THRESHOLD} services: the article\'s "hundreds", read as two hundred or more.',
    f"At least {TEAMS_THRESHOLD} independent teams deploy to the same cluster every day: the article's "
    f'"multiple independent teams", read as three or more.',
    "A dedicated platform team has running the cluster as its sole job.",
)

#: The verdicts, slug (stable: it goes into JSON, the DOM and ADRs) -> plain words.
VERDICT_WORDS = {
    "no_mesh": "Don't adopt a mesh: use the simpler alternatives.",
    "requirement_below_scale": (
        "Meet the requirement with the lightest option that does: the article's scale for a full mesh is not there."
    ),
    "not_yet": "Not yet: the scale is there, but no requirement needs a mesh.",
    "mesh_reasonable": "A mesh is a reasonable choice: compare the options and check the day-2 work.",
}

#: Where the options page compares the answers to each requirement (its path and section).
OPTIONS_PAGE = "guide/compare/"


@dataclass(frozen=True)
class Requirement:
    """A Part 2 requirement: what it is, the gap that makes it count, what to compare, where."""

    name: str
    gap: str
    compare: str
    section: str

    @property
    def phrase(self) -> str:
        """How the reason names it: ``uniform metrics ... that instrumentation does not give``."""
        return f"{self.name} {self.gap}"

    @property
    def link(self) -> str:
        """The options page's section, as a site path an ADR can quote."""
        return f"{OPTIONS_PAGE}#{self.section}"


#: The guide's Part 2: each requirement's input -> how it is named and what meets it lightly.
REQUIREMENTS = {
    "needs_encryption_or_identity": Requirement(
        "an encryption or workload-identity mandate", "that simpler means do not meet",
        "CNI encryption (WireGuard or IPsec) for encryption alone; Istio ambient mode with ztunnel only "
        "for workload identity",
        "for-encryption-or-identity",
    ),
    "needs_uniform_metrics": Requirement(
        "uniform metrics across languages", "that instrumentation does not give",
        "eBPF instrumentation (OpenTelemetry eBPF Instrumentation, Hubble); Istio ambient mode with "
        "ztunnel only for L4 metrics",
        "for-uniform-metrics",
    ),
    "needs_east_west_policy": Requirement(
        "traffic policy between services", "that the edge cannot apply",
        "Gateway API routes on Services (GAMMA) where your implementation supports them; waypoints in "
        "Istio ambient mode only for the services that need L7 policy; Linkerd",
        "for-policy-between-services",
    ),
}

#: The rule in words, one row per verdict, in the order it is checked.
RULES = (
    Rule("mesh_reasonable", "All three conditions are met and at least one requirement is.",
         "Compare the options side by side and check the day-2 work before you decide."),
    Rule("not_yet", "All three conditions are met and no requirement is.",
         "Revisit when a requirement appears; the simpler answers cover encryption, metrics and routing."),
    Rule("requirement_below_scale", "A condition is not met, but at least one requirement is.",
         "Meet each requirement with the lightest option that does: "
         + "; ".join(f"for {item.name}, {item.compare}" for item in REQUIREMENTS.values())
         + "."),
    Rule("no_mesh", "A condition is not met and no requirement is.",
         "Don't install a mesh: use the simpler alternatives (encryption in the CNI, instrumentation, "
         "routing at the edge)."),
)


def _count(number: int, noun: str) -> str:
    """``1 team``, ``2 teams``, ``1,500 services``."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _join(phrases: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def compute(
    *,
    services: int,
    teams_deploying_daily: int,
    platform_team: bool,
    needs_encryption_or_identity: bool,
    needs_uniform_metrics: bool,
    needs_east_west_policy: bool,
) -> dict[str, int | str]:
    """Every output of ``mesh_fit`` from checked inputs (rule: module docstring)."""
    unmet = []
    if services < SERVICES_THRESHOLD:
        unmet.append(f"{_count(services, 'service')} (at least {SERVICES_THRESHOLD} needed)")
    if teams_deploying_daily < TEAMS_THRESHOLD:
        unmet.append(f"{_count(teams_deploying_daily, 'team')} deploying daily (at least {TEAMS_THRESHOLD} needed)")
    if not platform_team:
        unmet.append("no dedicated platform team")
    answers = {
        "needs_encryption_or_identity": needs_encryption_or_identity,
        "needs_uniform_metrics": needs_uniform_metrics,
        "needs_east_west_policy": needs_east_west_policy,
    }
    met = [item for name, item in REQUIREMENTS.items() if answers[name]]
    needs = [item.phrase for item in met]
    if unmet and met:
        verdict = "requirement_below_scale"
        compare = " ".join(f"For {item.name}, compare {item.compare} ({item.link})."
                           for item in met)
        reason = (
            f"The article's conditions are not all met: {_join(unmet)}. But you have {_join(needs)}: "
            f"meet it with the lightest option that does. {compare}"
        )
    elif unmet:
        verdict = "no_mesh"
        reason = f"The article's conditions are not all met: {_join(unmet)}, and no requirement calls for a mesh."
    elif needs:
        verdict = "mesh_reasonable"
        reason = f"All three of the article's conditions are met, and you have {_join(needs)}."
    else:
        verdict = "not_yet"
        reason = (
            "All three of the article's conditions are met, but none of the requirements is: "
            "the simpler answers still cover encryption, metrics and traffic policy."
        )
    return {
        "article_conditions_met": 3 - len(unmet),
        "requirements_met": len(needs),
        "verdict": verdict,
        "reason": reason,
    }


INPUTS = (
    Input(
        "services", "Services", "services", int, 30, 0, 1_000_000, step=1,
        help=f"Services deployed on their own, not pods or replicas. Condition 1: {CONDITIONS[0]} "
        "30 is a placeholder: put your own.",
    ),
    Input(
        "teams_deploying_daily", "Teams deploying daily", "teams", int, 2, 0, 100_000, step=1,
        help=f"Independent teams that deploy to the same cluster on a typical day. Condition 2: {CONDITIONS[1]} "
        "2 is a placeholder: put your own.",
    ),
    Input(
        "platform_team", "Platform team", "", bool, False,
        help=f"Condition 3: {CONDITIONS[2]} It will also own the mesh: upgrades, configuration, being paged.",
    ),
    Input(
        "needs_encryption_or_identity", "Encryption or identity mandate", "", bool, False,
        help="A written requirement for encryption or workload identity between services that cloud, "
        "driver or CNI encryption does not meet.",
    ),
    Input(
        "needs_uniform_metrics", "Uniform metrics across languages", "", bool, False,
        help="Per-service traffic metrics across many languages, where instrumenting the applications "
        "is not practical.",
    ),
    Input(
        "needs_east_west_policy", "Traffic policy between services", "", bool, False,
        help="Traffic shifting, retries or circuit breaking between services, not only at the edge, "
        "where ingress routing or client libraries are not enough.",
    ),
)

OUTPUTS = (
    Output("article_conditions_met", "Article's conditions met", "of 3", 0,
           help="services, teams deploying daily, platform team: each condition met counts one"),
    Output("requirements_met", "Requirements a simpler answer does not meet", "of 3", 0,
           help="encryption or identity mandate, uniform metrics, traffic policy between services"),
    Output("verdict", "Verdict", kind="text", words=VERDICT_WORDS,
           help=" ".join(f"{rule.when} {VERDICT_WORDS[rule.verdict]}" for rule in RULES)),
    Output("reason", "Why", kind="text", help="what decided the verdict"),
)

CALCULATOR = Calculator(
    name="mesh_fit",
    title="Does a mesh fit?",
    summary=(
        "The article's three conditions and the problems a mesh solves, checked as a form, "
        "with a verdict and its reason."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    rules=RULES,
)
