"""dev_loop_time: the hours a team spends waiting when its dev loop runs in containers.

The related article claims that running a whole local development
environment in containers slows tests down. Whether it does depends on the
machine and the setup: on macOS and Windows, containers run in a Linux
virtual machine, and files bind-mounted from the host cross the VM boundary
on every read; on Linux they do not. So this calculator takes the reader's
own two timings of the same loop (tests, install, build), natively and in a
container, and turns the difference into hours a month:

``hours_lost_per_month`` = developers x runs_per_day x working_days_per_month
x (container_seconds - native_seconds) / 3600.

The difference is not clamped: when the container is faster (it can be, see
the Linux and synchronized-file-share presets) the hours are negative and the
page shows them as they are. Waiting time is not all lost time (people read,
think or switch tasks meanwhile); the page says so.
"""

from __future__ import annotations

from .schema import Calculator, Input, Output, Preset, ratio

#: Published 2025-01-04 (the OrbStack rows were added in an update of 2025-01-06).
MAINARDI_URL = "https://www.paolomainardi.com/posts/docker-performance-macos-2025/"
MAINARDI_TEST = (
    "Average of repeated npm install runs of a sample React app (github.com/paolomainardi/"
    "docker-for-mac-bench), published by Paolo Mainardi"
)
MAC = "macOS 15.1.1 on an Apple M4 Pro, 48 GB"


def compute(
    *,
    developers: int,
    runs_per_day: float,
    native_seconds: float,
    container_seconds: float,
    working_days_per_month: float,
) -> dict[str, float | None]:
    """Every output of ``dev_loop_time`` from checked inputs.

    - ``seconds_lost_per_run`` = container_seconds - native_seconds (negative
      when the container is faster).
    - ``hours_lost_per_month`` = developers * runs_per_day *
      working_days_per_month * seconds_lost_per_run / 3600.
    - ``hours_lost_per_developer_month`` = hours_lost_per_month / developers.
    - ``slowdown_pct`` = 100 * seconds_lost_per_run / native_seconds; None
      when the native run takes no time (nothing to compare with).
    """
    per_run = container_seconds - native_seconds
    per_developer = runs_per_day * working_days_per_month * per_run / 3600
    return {
        "hours_lost_per_month": developers * per_developer,
        "hours_lost_per_developer_month": per_developer,
        "seconds_lost_per_run": per_run,
        "slowdown_pct": ratio(100 * per_run, native_seconds),
    }


INPUTS = (
    Input(
        "developers", "Developers", "developers", int, 10, 1, 1_000_000, step=1,
        help="Developers who run this loop. 10 is a placeholder: put your team's size.",
    ),
    Input(
        "runs_per_day", "Runs per developer per day", "runs", float, 20.0, 0, 10_000, step=1,
        help=(
            "How often one developer runs the loop you timed (tests, install, build) on a working day. "
            "20 is a placeholder with no published source: count your own, e.g. from CI or shell history."
        ),
    ),
    Input(
        "native_seconds", "Native run", "s", float, 3.37, 0, 86_400, step=0.01,
        help=(
            "3.37 s: native npm install in one published benchmark (Docker Desktop series, "
            "2025-01-04; see the presets). Time your own loop."
        ),
    ),
    Input(
        "container_seconds", "Run in a container", "s", float, 9.53, 0, 86_400, step=0.01,
        help=(
            "9.53 s: the same install in a container, project bind-mounted, Docker Desktop 4.37.1 "
            "with VirtioFS (same benchmark, 2025-01-04)."
        ),
    ),
    Input(
        "working_days_per_month", "Working days per month", "days", float, 21.0, 0, 31,
        min_inclusive=False, step=1,
        help="21 is about 52 weeks x 5 days, less holidays, / 12. Put your own.",
    ),
)

OUTPUTS = (
    Output("hours_lost_per_month", "Team hours waiting", "hours per month", 1, signed=True,
           help="developers x runs x days x (container - native) / 3600; negative when containers are faster"),
    Output("hours_lost_per_developer_month", "Per developer", "hours per month", 2, signed=True,
           help="runs x days x (container - native) / 3600"),
    Output("seconds_lost_per_run", "Per run", "s", 2, signed=True, help="container run - native run"),
    Output("slowdown_pct", "Slower than native", "%", 1, signed=True,
           none_text="n/a (the native run takes no time)",
           help="100 x (container - native) / native; negative when the container is faster"),
)


def _preset(name: str, label: str, native: float, container: float, setup: str, published: str) -> Preset:
    return Preset(
        name,
        label,
        {"native_seconds": native, "container_seconds": container},
        f"{MAINARDI_TEST}, {published}: native {native} s, in a container {container} s. {setup} "
        "One benchmark on one project; time your own loop.",
        MAINARDI_URL,
        published=published,
    )


PRESETS = (
    _preset(
        "docker_desktop_bind_mount", "Docker Desktop 4.37.1, bind mount: 3.37 s vs 9.53 s", 3.37, 9.53,
        f"Docker Desktop 4.37.1, Apple Virtualization Framework + VirtioFS, project bind-mounted, {MAC}.",
        "2025-01-04",
    ),
    _preset(
        "docker_desktop_bind_and_volume", "Docker Desktop 4.37.1, bind mount + volume: 3.37 s vs 3.61 s",
        3.37, 3.61,
        "Same machine; the project bind-mounted but node_modules in a named volume (the 'hybrid' setup).",
        "2025-01-04",
    ),
    _preset(
        "docker_desktop_vmm_bind_mount", "Docker VMM (beta), bind mount: 3.35 s vs 8.47 s", 3.35, 8.47,
        "Docker Desktop 4.37.1 with its Docker VMM hypervisor (beta) + VirtioFS, project bind-mounted.",
        "2025-01-04",
    ),
    _preset(
        "docker_desktop_synchronized", "Docker Desktop, synchronized file shares: 4.19 s vs 3.88 s", 4.19, 3.88,
        "Docker Desktop 4.37.1 with synchronized file shares (a paid feature); the container ran faster "
        "than the native run measured in the same series. The author reports occasional errors during "
        "rapid file operations with it.",
        "2025-01-04",
    ),
    _preset(
        "lima_bind_mount", "Lima 1.0.3, bind mount: 3.38 s vs 8.99 s", 3.38, 8.99,
        f"Lima 1.0.3 (open source), Apple Virtualization Framework + VirtioFS, project bind-mounted, {MAC}.",
        "2025-01-04",
    ),
    _preset(
        "orbstack_bind_mount", "OrbStack 1.9.2, bind mount: 3.61 s vs 4.22 s", 3.61, 4.22,
        f"OrbStack 1.9.2 (closed source), project bind-mounted, {MAC}; added in the post's update.",
        "2025-01-06",
    ),
    _preset(
        "linux_bind_mount", "Docker 27.3.1 on Linux, bind mount: 5.32 s vs 5.29 s", 5.32, 5.29,
        "Docker 27.3.1 on Arch Linux (Threadripper PRO 5945WX, btrfs): no virtual machine, so the "
        "bind mount costs nothing and the container was slightly faster.",
        "2025-01-04",
    ),
)

CALCULATOR = Calculator(
    name="dev_loop_time",
    title="Hours spent waiting on a containerised dev loop",
    summary=(
        "Your team's loop (tests, install, build) timed natively and in a container, turned into "
        "hours a month; negative when the container is faster."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    presets=PRESETS,
)
