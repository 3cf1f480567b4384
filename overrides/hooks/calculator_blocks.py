"""MkDocs hook: calculator blocks rendered at build time, then run again live.

A page places a calculator with a fenced block::

    ```calculator
    name: sidecar_ram
    id: my-cluster          # optional, default: the calculator's name
    pods: 250               # optional default overrides, any input
    presets: article_low, istio_sidecar_request   # optional, default: all presets
    ```

Why a fence and a thin hook: Python-Markdown fences (pymdownx.superfences)
survive a move away from MkDocs or Material, so the rendering is a plain
function; the hook only wires that function in, checks the runtime options
and writes the browser runtime's files (the calculators package, the runtime
config, the self-hosted Pyodide, the memory snapshot) into the built site,
never into ``docs/``.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this project's calculators/, whatever else is on the path

import calculators  # noqa: E402

PACKAGE_DIR = ROOT / "calculators"
ASSETS = "assets/calculators"
FORM_ID = re.compile(r'<form class="st-calc" id="([^"]+)"')
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


SNAPSHOT_SCRIPT = Path(__file__).with_name("make_snapshot.mjs")
SNAPSHOT_GZIP_LEVEL = 6  # measured on a 31 MB snapshot: 6.23 MB in 0.5 s; level 9: 6.17 MB in 2.6 s
SNAPSHOTS_KEPT = 4  # cached snapshots kept in .cache/snapshots/, newest first
TURN_SNAPSHOTS_OFF = (
    "turn snapshots off with 'snapshot: false' under extra.calculators in mkdocs.yml "
    "(or SNAPSHOT=false in the environment)"
)
NODE_MAJOR_NEEDED = 18  # the oldest Node.js that runs Pyodide 314's npm package
NO_NODE = (
    "extra.calculators.snapshot is on, and making the Pyodide memory snapshot needs Node.js "
    f"(the 'node' command, version {NODE_MAJOR_NEEDED} or later), which is not on PATH: install Node.js, or {TURN_SNAPSHOTS_OFF}"
)


class RuntimeOptions(base.Config):
    """Options under ``extra.calculators`` in ``mkdocs.yml``."""

    pyodide_version = opt.Type(str)
    """Pinned Pyodide release; the worker and the self-hosted copy use it."""
    pyodide_source = opt.Choice(("cdn", "self-hosted"), default="cdn")
    """``cdn`` loads Pyodide from ``pyodide_cdn_url``; ``self-hosted`` copies
    the pinned npm package into the site, for networks that block CDNs."""
    pyodide_cdn_url = opt.Type(str)
    """The CDN folder of the pinned release, ending in ``/full/``."""
    pyodide_sha256 = opt.Type(str)
    """sha256 of the npm tarball ``pyodide-<version>.tgz``; self-hosting
    refuses any other file."""
    snapshot = opt.Type(bool, default=True)
    """Ship a memory snapshot of the pinned Pyodide with ``calculators``
    already imported (about 6 MB gzipped), so the worker starts several times
    faster; it falls back to Pyodide's normal start when the snapshot is
    missing or does not fit. Making it needs Node.js at build time (in both
    source modes; the snapshot is always served from the site itself).
    ``false`` drops the file and the Node.js requirement."""


class CalculatorBlockError(SuperFencesException, PluginError):
    """A calculator block the schema rejects: fails the build loudly.

    It subclasses SuperFencesException because superfences silently turns
    any other exception into a plain code block, and PluginError so MkDocs
    prints the page and the reason without a Python traceback.
    """


def load_options(config) -> RuntimeOptions:
    """Validate ``extra.calculators``; a bad setup stops the build early."""
    options = RuntimeOptions()
    options.load_dict(dict(config.extra.get("calculators") or {}))
    errors, _warnings = options.validate()
    if errors:
        details = "; ".join(f"{key}: {error}" for key, error in errors)
        raise PluginError(f"extra.calculators in mkdocs.yml: {details}")
    return options


def on_config(config):
    """Register the ``calculator`` fence with superfences."""
    options = load_options(config)
    if options.snapshot and shutil.which("node") is None:
        raise PluginError(NO_NODE)
    template = config.theme.get_env().get_template("partials/calculator.html")
    fence = {
        "name": "calculator",
        "class": "calculator",
        "format": functools.partial(render_block, template=template),
    }
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    superfences.setdefault("custom_fences", []).append(fence)
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    return config


def parse_block(source: str) -> dict:
    """Read a block's ``key: value`` lines and check them against the schema."""
    try:
        spec = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise CalculatorBlockError(f"calculator block is not 'key: value' lines: {error}") from None
    if not isinstance(spec, dict):
        raise CalculatorBlockError("calculator block must be 'key: value' lines")
    spec = {str(key): value for key, value in spec.items()}
    name = str(spec.pop("name", ""))
    if name not in calculators.CALCULATORS:
        known = ", ".join(calculators.CALCULATORS)
        raise CalculatorBlockError(f"calculator block names unknown calculator {name!r} (known: {known})")
    calculator = calculators.get(name)
    block_id = str(spec.pop("id", name))
    where = f"calculator block '{block_id}' ({name})"
    preset_names = _preset_names(spec.pop("presets", None), calculator, where)
    known_inputs = {field.name for field in calculator.inputs}
    unknown = sorted(set(spec) - known_inputs)
    if unknown:
        raise CalculatorBlockError(
            f"{where}: unknown input {', '.join(unknown)} (inputs: {', '.join(sorted(known_inputs))})"
        )
    result = calculators.evaluate(name, {key: str(value) for key, value in spec.items()})
    if not result["ok"]:
        problems = "; ".join(error["message"] for error in result["errors"])
        raise CalculatorBlockError(f"{where}: {problems}")
    return {
        "calculator": calculator,
        "block_id": block_id,
        "presets": [calculator.preset(preset) for preset in preset_names],
        "result": result,
    }


def _preset_names(value, calculator, where: str) -> list[str]:
    """The block's preset list; every preset of the calculator when absent."""
    if value is None:
        return [preset.name for preset in calculator.presets]
    names = [part.strip() for part in str(value).split(",") if part.strip()]
    known = {preset.name for preset in calculator.presets}
    unknown = [part for part in names if part not in known]
    if unknown:
        raise CalculatorBlockError(
            f"{where}: unknown preset {', '.join(unknown)} (presets: {', '.join(sorted(known))})"
        )
    return names


def render_block(source, language, class_name, options, md, template, **kwargs) -> str:
    """Superfences formatter: the calculator's form with results computed now."""
    try:
        return render_form(parse_block(source), template)
    except CalculatorBlockError:
        raise
    except Exception as error:
        raise CalculatorBlockError(f"calculator block could not be rendered: {error!r}") from error


def render_form(block: dict, template) -> str:
    """Fill the form template with the block's values and results."""
    calculator = block["calculator"]
    values = block["result"]["inputs"]
    fields = [describe_field(field, values[field.name]) for field in calculator.inputs]
    presets = [
        {"preset": preset, "texts": {key: calculator.input(key).text(value) for key, value in preset.values.items()}}
        for preset in block["presets"]
    ]
    return template.render(
        calculator=calculator,
        block_id=block["block_id"],
        fields=fields,
        outputs=block["result"]["outputs"],
        presets=presets,
        chart=calculators.chart(calculator.name, values),
    )


def describe_field(field, value) -> dict:
    """What the template needs of one input, bounds written as the form shows them."""

    def text(number):
        return None if number is None else field.text(number)

    return {
        "input": field,
        "text": field.text(value),
        "rule": field.rule(),
        "inputmode": "numeric" if field.kind is int else "decimal",
        "min": text(field.minimum),
        "max": text(field.maximum),
        "step": text(field.step),
    }


def on_files(files, config):
    """The theme folder holds these hooks too; they are build code, not site content."""
    for file in [file for file in files if file.src_uri.startswith("hooks/")]:
        files.remove(file)
    return files


def on_page_content(html, page, config, files):
    """Two blocks with one id on a page would share URL state: refuse that."""
    ids = FORM_ID.findall(html)
    duplicates = sorted({block_id for block_id in ids if ids.count(block_id) > 1})
    if duplicates:
        raise PluginError(
            f"{page.file.src_uri}: calculator block id {', '.join(duplicates)} is used twice; "
            "give each block its own 'id:'"
        )
    return html


def on_post_build(config):
    """Ship what the browser runtime needs into the built site."""
    options = load_options(config)
    assets = Path(config.site_dir) / ASSETS
    cache = Path(config.config_file_path).parent / ".cache"
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
        # The worker starts from this only if its version and hash match the
        # Pyodide it loads and the package it ships; null when snapshots are off.
        "snapshot": snapshot,
    }
    (assets / "config.js").write_text(
        "// Written by overrides/hooks/calculator_blocks.py at build time.\n"
        f"export default {json.dumps(runtime, indent=2)};\n",
        encoding="utf-8",
    )


def package_sources() -> list[Path]:
    """The calculators package's Python files, in a stable order."""
    return sorted(path for path in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in path.parts)


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
    script's own hash, so rebuilds (``mkdocs serve``) only copy it.
    """
    version = options.pyodide_version
    script_hash = hashlib.sha256(SNAPSHOT_SCRIPT.read_bytes()).hexdigest()[:8]
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
        raise PluginError(
            f"making the Pyodide memory snapshot needs Node.js {NODE_MAJOR_NEEDED} or later; "
            f"'node --version' says {version or 'nothing'}: upgrade Node.js, or {TURN_SNAPSHOTS_OFF}"
        )


def make_snapshot(pyodide_dir: Path, package: Path, target: Path) -> None:
    """Run ``make_snapshot.mjs`` in Node.js and gzip what it writes into ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = target.with_name(f"{target.name}.{os.getpid()}.raw")
    command = ["node", str(SNAPSHOT_SCRIPT), str(pyodide_dir), str(package), str(raw)]
    try:
        require_node_version()
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)
        data = raw.read_bytes()
    except FileNotFoundError:
        raise PluginError(NO_NODE) from None
    except subprocess.SubprocessError as error:
        # Pyodide's modules are minified: keep the end of each line and of the output.
        output = getattr(error, "stderr", None) or str(error)
        if isinstance(output, bytes):  # TimeoutExpired keeps bytes even with text=True
            output = output.decode(errors="replace")
        lines = output.strip().splitlines()[-12:]
        detail = "\n".join(line if len(line) <= 300 else "..." + line[-300:] for line in lines)
        raise PluginError(
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
        raise PluginError(
            f"{tarball} has sha256 {actual}, not the pinned {options.pyodide_sha256}: "
            "delete it to fetch it again, or check extra.calculators.pyodide_sha256"
        )
    checked.unlink(missing_ok=True)  # vouches for no file while they are replaced
    with tarfile.open(tarball) as archive:
        for name in PYODIDE_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise PluginError(f"{tarball} has no package/{name}")
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
        raise PluginError(
            "self-hosted Pyodide needs npm to fetch the pinned package once "
            f"(or put pyodide-{version}.tgz in {cache}); or set PYODIDE_SOURCE=cdn"
        ) from None
    except subprocess.SubprocessError as error:
        detail = getattr(error, "stderr", "") or error
        raise PluginError(f"npm pack pyodide@{version} failed: {detail}") from None
