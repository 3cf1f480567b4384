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

from .figures import figure
from .schema import Calculator, Input, Output, Preset, ratio

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
            f"{figure('npm_install_docker_desktop_vz_native').text()}: native npm install in one published "
            f"benchmark ({figure('npm_install_docker_desktop_vz_native').citation()}; see the presets). "
            "Time your own loop."
        ),
    ),
    Input(
        "container_seconds", "Run in a container", "s", float, 9.53, 0, 86_400, step=0.01,
        help=(
            f"{figure('npm_install_docker_desktop_vz_bind_mount').text()}: the same install in a container, "
            f"project bind-mounted ({figure('npm_install_docker_desktop_vz_bind_mount').citation()})."
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


#: How the project reached the container in each timing the presets use.
MOUNTS = {"bind_mount": "bind mount", "bind_and_volume": "bind mount + volume"}


def _preset(name: str, title: str, setup: str, mount: str = "bind_mount", note: str = "") -> Preset:
    """One setup of the benchmark: its native and container timings, from the register."""
    native = figure(f"npm_install_{setup}_native")
    container = figure(f"npm_install_{setup}_{mount}")
    label = f"{title}, {MOUNTS[mount]}: {native.text()} vs {container.text()}"
    return Preset.cited(
        name, label, {"native_seconds": native.id, "container_seconds": container.id}, INPUTS,
        note=f"{note} One benchmark on one project; time your own loop.".strip(),
    )


#: Every preset's values and citation come from calculators/figures.toml.
PRESETS = (
    _preset("docker_desktop_bind_mount", "Docker Desktop 4.37.1", "docker_desktop_vz"),
    _preset("docker_desktop_bind_and_volume", "Docker Desktop 4.37.1", "docker_desktop_vz", "bind_and_volume",
            "Same machine; node_modules in a named volume (the 'hybrid' setup)."),
    _preset("docker_desktop_vmm_bind_mount", "Docker VMM (beta)", "docker_desktop_vmm", note="Docker VMM is a beta."),
    _preset("docker_desktop_synchronized", "Docker Desktop, synchronized file shares", "docker_desktop_sync",
            note="The container ran faster than the native run measured in the same series. The author reports "
                 "occasional errors during rapid file operations with it."),
    _preset("lima_bind_mount", "Lima 1.0.3", "lima", note="Lima is open source."),
    _preset("orbstack_bind_mount", "OrbStack 1.9.2", "orbstack", note="OrbStack is closed source; added in the post's update."),
    _preset("linux_bind_mount", "Docker 27.3.1 on Linux", "linux",
            note="No virtual machine, so the bind mount costs nothing and the container was slightly faster."),
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
