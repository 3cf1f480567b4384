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
solve (:data:`REQUIREMENTS`). The verdict:

- all three conditions met and at least one requirement: ``mesh_reasonable``;
- all three conditions met and no requirement: ``not_yet`` (the scale is
  there, the need is not);
- any condition unmet: ``no_mesh``, the article's advice. A requirement below
  that scale does not change the verdict, but the reason says that a
  requirement can still justify a mesh (the guide's "When a mesh pays off").

``reason`` names what decided the verdict: the unmet conditions, or the
requirements that are met.
"""

from __future__ import annotations

from .schema import Calculator, Input, Output

#: "Hundreds of microservices", read as two hundred or more.
SERVICES_THRESHOLD = 200
#: "Multiple independent teams", read as three or more.
TEAMS_THRESHOLD = 3

#: The article's three conditions, one wording everywhere (pages quote these).
CONDITIONS = (
    f'At least {SERVICES_THRESHOLD} services: the article\'s "hundreds", read as two hundred or more.',
    f"At least {TEAMS_THRESHOLD} independent teams deploy to the same cluster every day.",
    "A dedicated platform team has running the cluster as its sole job.",
)

#: The verdicts, slug (stable: it goes into JSON, the DOM and ADRs) -> plain words.
VERDICT_WORDS = {
    "no_mesh": "Don't adopt a mesh: use the simpler alternatives.",
    "not_yet": "Not yet: the scale is there, but no requirement needs a mesh.",
    "mesh_reasonable": "A mesh is a reasonable choice: compare the options and check the day-2 work.",
}

#: The guide's Part 2: each requirement's input and how the reason names it.
REQUIREMENTS = {
    "needs_encryption_or_identity": "an encryption or workload-identity mandate that simpler means do not meet",
    "needs_uniform_metrics": "uniform metrics across languages that instrumentation does not give",
    "needs_east_west_policy": "traffic policy between services that the edge cannot apply",
}


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
    needs = [phrase for name, phrase in REQUIREMENTS.items() if answers[name]]
    if unmet:
        verdict = "no_mesh"
        reason = f"The article's conditions are not all met: {_join(unmet)}."
        if needs:
            reason += (
                f" You have {_join(needs)}: a requirement can still justify a mesh below this scale,"
                " if your team can carry its day-2 work."
            )
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
           help="all conditions and a requirement: reasonable; all conditions, no requirement: "
           "not yet; otherwise: no mesh"),
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
)
