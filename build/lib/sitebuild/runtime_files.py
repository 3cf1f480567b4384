"""The browser runtime's files, written into a built site by any engine.

The browser runtime (``sitebuild/assets/calculators/``), the calculators package (zipped, named by its hash), the pinned Pyodide
copied from its hash-checked npm package (self-hosted mode), the start-up
memory snapshot, and ``config.js``, which tells the worker where each is.
Everything goes into ``SITE/assets/calculators/``, never into ``docs/``.
Downloads and snapshots are cached in ``.cache/``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

from .options import RuntimeOptions

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "calculators"
ASSETS = "assets/calculators"
# Where Pyodide unpacks the package, in the worker and in the snapshot alike
# (both read it from config.js or the snapshot script's arguments).
PACKAGE_DIR_IN_PYODIDE = "/home/pyodide/sidecar-tax"
# The calculators functions the browser worker may call (worker-protocol.js).
BROWSER_ENTRIES = ("recompute",)
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)

SNAPSHOT_SCRIPT = Path(__file__).with_name("make_snapshot.mjs")
BROWSER_RUNTIME = Path(__file__).with_name("assets") / "calculators"  # package data, copied as is
START_MODULE = BROWSER_RUNTIME / "start-python.mjs"  # shared by the worker and the snapshot script
SNAPSHOT_GZIP_LEVEL = 6  # measured on a 31 MB snapshot: 6.23 MB in 0.5 s; level 9: 6.17 MB in 2.6 s
SNAPSHOTS_KEPT = 4  # cached snapshots kept in .cache/snapshots/, newest first
TURN_SNAPSHOTS_OFF = (
    "turn snapshots off with 'snapshot: false' under the sidecar-tax plugin in mkdocs.yml "
    "(or '--snapshot false' after 'python -m sitebuild SITE')"
)
NODE_MAJOR_NEEDED = 18  # the oldest Node.js that runs Pyodide 314's npm package
NO_NODE = (
    "the snapshot option is on, and making the Pyodide memory snapshot needs Node.js "
    f"(the 'node' command, version {NODE_MAJOR_NEEDED} or later), which is not on PATH: install Node.js, or {TURN_SNAPSHOTS_OFF}"
)


class BuildStepError(RuntimeError):
    """A build step that cannot finish; the message says why and what to do."""


def check_tools(options: RuntimeOptions) -> None:
    """Fail before the pages are built when a step will need a missing tool."""
    if options.snapshot and shutil.which("node") is None:
        raise BuildStepError(NO_NODE)


def write_runtime_files(site_dir: Path, options: RuntimeOptions, cache: Path) -> None:
    """Ship what the browser runtime needs into the built site."""
    assets = site_dir / ASSETS
    calculators_hash = package_hash()
    package_url = write_package(assets / "python", calculators_hash)
    if options.pyodide_source == "self-hosted":
        index_url = f"pyodide/v{options.pyodide_version}/"
        copy_pyodide(options, cache / "pyodide", assets / index_url)
    else:
        index_url = options.pyodide_cdn_url
    snapshot = None
    if options.snapshot:
        snapshot = {
            "url": "python/" + write_snapshot(options, cache, assets / "python" / package_url, calculators_hash),
            "pyodideVersion": options.pyodide_version,
            "calculatorsHash": calculators_hash,
        }
    runtime = {
        "pyodideVersion": options.pyodide_version,
        "pyodideIndexURL": index_url,
        "packageURL": f"python/{package_url}",
        "calculatorsHash": calculators_hash,
        "packageDir": PACKAGE_DIR_IN_PYODIDE,
        "entries": list(BROWSER_ENTRIES),
        # The worker starts from this only if its version and hash match the
        # Pyodide it loads and the package it ships; null when snapshots are off.
        "snapshot": snapshot,
        "start": options.start,  # when a form starts Python (start-when-wanted.js)
    }
    (assets / "config.js").write_text(
        "// Written by sitebuild/runtime_files.py at build time.\n"
        f"export default {json.dumps(runtime, indent=2)};\n",
        encoding="utf-8",
    )


def copy_browser_runtime(site_dir: Path) -> None:
    """The runtime's scripts and stylesheets (package data) into the site, as written."""
    shutil.copytree(BROWSER_RUNTIME, site_dir / ASSETS, dirs_exist_ok=True)


def package_sources() -> list[Path]:
    """The calculators package's files (Python and the register of figures), in a stable order."""
    files = [*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.rglob("*.toml")]
    return sorted(path for path in files if "__pycache__" not in path.parts)


def package_hash() -> str:
    """12 hex digits of sha256 over the package's file names and contents."""
    digest = hashlib.sha256()
    for path in package_sources():
        digest.update(path.relative_to(PACKAGE_DIR.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def write_package(folder: Path, calculators_hash: str) -> str:
    """Zip the calculators package under a name carrying its source hash
    (``package_hash()``).

    The hash in the name lets any static host cache the file forever, and
    lets the snapshot check it was made from the same source.
    """
    sources = package_sources()
    name = f"calculators-{calculators_hash}.zip"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sources:
            info = zipfile.ZipInfo(path.relative_to(PACKAGE_DIR.parent).as_posix(), (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return name


def write_snapshot(options: RuntimeOptions, cache: Path, package: Path, calculators_hash: str) -> str:
    """Write the gzipped Pyodide memory snapshot next to the ``package`` archive.

    Its name carries the Pyodide version and ``calculators_hash`` (the one in
    the archive's name), which the worker checks before starting from it.
    Made from the very archive the site ships and the pinned, hash-checked
    npm Pyodide (unpacked even in CDN mode: the snapshot is always served
    from the site itself), then cached in ``.cache/snapshots/`` under the
    version, the pinned tarball's sha256, the calculators hash and the
    hash of the scripts that start Pyodide, so rebuilds (``mkdocs serve``) only copy it.
    """
    version = options.pyodide_version
    script_hash = hashlib.sha256(
        SNAPSHOT_SCRIPT.read_bytes() + START_MODULE.read_bytes() + PACKAGE_DIR_IN_PYODIDE.encode()
    ).hexdigest()[:8]
    pin = options.pyodide_sha256[:8]
    cached = cache / "snapshots" / f"snapshot-{version}-{pin}-{calculators_hash}-{script_hash}.bin.gz"
    if cached.is_file():
        os.utime(cached)  # recently used: kept when older snapshots are pruned
    else:
        make_snapshot(unpack_pyodide(options, cache / "pyodide"), package, cached)
    name = f"snapshot-{version}-{calculators_hash}.bin.gz"
    shutil.copyfile(cached, package.parent / name)
    return name


def require_node_version() -> None:
    """Stop with a message naming the version, rather than with an older
    Node.js's syntax error from deep inside Pyodide's modules."""
    version = subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    major = re.match(r"v(\d+)\.", version)
    if not major or int(major.group(1)) < NODE_MAJOR_NEEDED:
        raise BuildStepError(
            f"making the Pyodide memory snapshot needs Node.js {NODE_MAJOR_NEEDED} or later; "
            f"'node --version' says {version or 'nothing'}: upgrade Node.js, or {TURN_SNAPSHOTS_OFF}"
        )


def make_snapshot(pyodide_dir: Path, package: Path, target: Path) -> None:
    """Run ``make_snapshot.mjs`` in Node.js and gzip what it writes into ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = target.with_name(f"{target.name}.{os.getpid()}.raw")
    command = ["node", str(SNAPSHOT_SCRIPT), str(pyodide_dir), str(package), PACKAGE_DIR_IN_PYODIDE, str(raw)]
    try:
        require_node_version()
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)
        data = raw.read_bytes()
    except FileNotFoundError:
        raise BuildStepError(NO_NODE) from None
    except subprocess.SubprocessError as error:
        # Pyodide's modules are minified: keep the end of each line and of the output.
        output = getattr(error, "stderr", None) or str(error)
        if isinstance(output, bytes):  # TimeoutExpired keeps bytes even with text=True
            output = output.decode(errors="replace")
        lines = output.strip().splitlines()[-12:]
        detail = "\n".join(line if len(line) <= 300 else "..." + line[-300:] for line in lines)
        raise BuildStepError(
            f"making the Pyodide memory snapshot failed ({' '.join(command)}):\n{detail}\n"
            f"Fix the error, or {TURN_SNAPSHOTS_OFF}."
        ) from None
    finally:
        raw.unlink(missing_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(gzip.compress(data, compresslevel=SNAPSHOT_GZIP_LEVEL, mtime=0))
    partial.replace(target)  # atomic: a concurrent build sees the whole file or none
    older = sorted(target.parent.glob("snapshot-*.bin.gz"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in older[SNAPSHOTS_KEPT:]:
        stale.unlink(missing_ok=True)


def copy_pyodide(options: RuntimeOptions, cache: Path, target: Path) -> None:
    """Copy the pinned, hash-checked Pyodide core into the site."""
    unpacked = unpack_pyodide(options, cache)
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(unpacked / name, target / name)


def unpack_pyodide(options: RuntimeOptions, cache: Path) -> Path:
    """The pinned npm tarball, fetched once with ``npm pack``, checked, unpacked.

    The unpacked copy records the sha256 it was checked against, so changing
    the pin checks the tarball again instead of reusing files it never vouched for."""
    version = options.pyodide_version
    unpacked = cache / f"v{version}"
    checked = unpacked / ".tarball-sha256"
    if checked.is_file() and checked.read_text(encoding="utf-8") == options.pyodide_sha256:
        if all((unpacked / name).is_file() for name in PYODIDE_FILES):
            return unpacked
    tarball = cache / f"pyodide-{version}.tgz"
    if not tarball.is_file():
        fetch_tarball(version, cache)
    actual = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if actual != options.pyodide_sha256:
        raise BuildStepError(
            f"{tarball} has sha256 {actual}, not the pinned {options.pyodide_sha256}: "
            "delete it to fetch it again, or check the pyodide_sha256 option"
        )
    checked.unlink(missing_ok=True)  # vouches for no file while they are replaced
    with tarfile.open(tarball) as archive:
        for name in PYODIDE_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise BuildStepError(f"{tarball} has no package/{name}")
            unpacked.mkdir(parents=True, exist_ok=True)
            (unpacked / name).write_bytes(member.read())
    checked.write_text(options.pyodide_sha256, encoding="utf-8")
    return unpacked


def fetch_tarball(version: str, cache: Path) -> None:
    """Download the npm package ``pyodide`` at the pinned version."""
    cache.mkdir(parents=True, exist_ok=True)
    command = ["npm", "pack", f"pyodide@{version}", "--pack-destination", str(cache), "--silent"]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise BuildStepError(
            "self-hosted Pyodide needs npm to fetch the pinned package once "
            f"(or put pyodide-{version}.tgz in {cache}); or set the option pyodide_source: cdn"
        ) from None
    except subprocess.SubprocessError as error:
        detail = getattr(error, "stderr", "") or error
        raise BuildStepError(f"npm pack pyodide@{version} failed: {detail}") from None
