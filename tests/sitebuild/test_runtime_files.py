"""The browser runtime's files (sitebuild/runtime_files.py): the Pyodide
memory snapshot, the pinned Pyodide, what they write into the site, their
cache, and how they fail."""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitebuild import runtime_files
from sitebuild.options import RuntimeOptions
from sitebuild.runtime_files import BuildStepError
from tests.conftest import build_site, runtime_config

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_MAGIC = b"\0snp"  # how Pyodide's memory snapshots begin


def test_the_site_ships_a_snapshot_named_by_pyodide_version_and_calculators_hash(built_site):
    config = runtime_config(built_site)
    snapshot = config["snapshot"]
    version, digest = config["pyodideVersion"], config["calculatorsHash"]
    assert snapshot == {
        "url": f"python/snapshot-{version}-{digest}.bin.gz",
        "pyodideVersion": version,
        "calculatorsHash": digest,
    }
    assert config["packageURL"] == f"python/calculators-{digest}.zip"
    assert digest == runtime_files.package_hash()
    shipped = built_site / "assets" / "calculators" / snapshot["url"]
    raw = gzip.decompress(shipped.read_bytes())
    assert raw.startswith(SNAPSHOT_MAGIC)
    assert shipped.stat().st_size < 7_000_000 < len(raw)  # compressed, within the 7 MB


def test_without_node_the_build_stops_and_says_how_to_turn_snapshots_off(tmp_path):
    no_node = tmp_path / "bin"
    no_node.mkdir()
    result = build_site(tmp_path / "site", PATH=str(no_node))
    assert result.returncode != 0
    assert "needs Node.js" in result.stderr
    assert "snapshot: false" in result.stderr and "--snapshot false" in result.stderr


def test_with_snapshots_off_node_is_not_needed_and_nothing_is_shipped(tmp_path):
    no_node = tmp_path / "bin"
    no_node.mkdir()
    result = build_site(tmp_path / "site", PATH=str(no_node), SNAPSHOT="false")
    assert result.returncode == 0, result.stderr
    assert runtime_config(tmp_path / "site")["snapshot"] is None
    assert not list((tmp_path / "site").rglob("snapshot-*"))


def test_a_cached_snapshot_is_copied_without_running_node(built_site, tmp_path, monkeypatch):
    options = RuntimeOptions()
    folder = tmp_path / "python"
    package = folder / runtime_files.write_package(folder, runtime_files.package_hash())

    def no_node(*args):
        raise AssertionError("node ran although the snapshot is cached")

    monkeypatch.setattr(runtime_files, "make_snapshot", no_node)
    config = runtime_config(built_site)
    name = runtime_files.write_snapshot(options, ROOT / ".cache", package, config["calculatorsHash"])  # built_site made it
    assert name == config["snapshot"]["url"].removeprefix("python/")
    assert (folder / name).read_bytes() == (built_site / "assets" / "calculators" / config["snapshot"]["url"]).read_bytes()


def test_a_changed_pyodide_pin_makes_a_new_snapshot(built_site, tmp_path, monkeypatch):
    """The cached snapshot is made from the unpacked Pyodide: another pinned
    tarball must not reuse it."""
    config = runtime_config(built_site)
    package = tmp_path / runtime_files.write_package(tmp_path, config["calculatorsHash"])

    class SnapshotMade(Exception):
        pass

    def make(pyodide_dir, package, target):
        raise SnapshotMade(target.name)

    monkeypatch.setattr(runtime_files, "make_snapshot", make)
    monkeypatch.setattr(runtime_files, "unpack_pyodide", lambda options, cache: tmp_path)
    other_pin = SimpleNamespace(pyodide_version=config["pyodideVersion"], pyodide_sha256="0" * 64)
    with pytest.raises(SnapshotMade):
        runtime_files.write_snapshot(other_pin, ROOT / ".cache", package, config["calculatorsHash"])  # built_site cached its own


def test_a_failing_snapshot_script_is_a_build_error_with_its_output(tmp_path, monkeypatch):
    script = tmp_path / "fails.mjs"
    script.write_text('console.error("x".repeat(5000) + "the real reason"); process.exit(3);\n', encoding="utf-8")
    monkeypatch.setattr(runtime_files, "SNAPSHOT_SCRIPT", script)
    target = tmp_path / "cache" / "snapshot.bin.gz"
    with pytest.raises(BuildStepError) as raised:
        runtime_files.make_snapshot(tmp_path, tmp_path / "calculators.zip", target)
    message = str(raised.value)
    assert "the real reason" in message and "snapshot: false" in message
    assert len(message) < 2000  # minified lines are cut, not dumped whole
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_a_too_old_node_stops_the_build_naming_its_version(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    old_node = bin_dir / "node"
    old_node.write_text("#!/bin/sh\necho v12.22.9\n", encoding="utf-8")
    old_node.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    target = tmp_path / "cache" / "snapshot.bin.gz"
    with pytest.raises(BuildStepError) as raised:
        runtime_files.make_snapshot(tmp_path, tmp_path / "calculators.zip", target)
    message = str(raised.value)
    assert "Node.js 18 or later" in message and "v12.22.9" in message and "snapshot: false" in message
    assert not target.exists()


def test_changing_the_pinned_sha256_checks_an_unpacked_pyodide_again(tmp_path):
    tarball = tmp_path / "pyodide-0.0.1.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name in runtime_files.PYODIDE_FILES:
            member = tarfile.TarInfo(f"package/{name}")
            member.size = len(name)
            archive.addfile(member, io.BytesIO(name.encode()))
    pinned = hashlib.sha256(tarball.read_bytes()).hexdigest()
    unpacked = runtime_files.unpack_pyodide(SimpleNamespace(pyodide_version="0.0.1", pyodide_sha256=pinned), tmp_path)
    assert (unpacked / "pyodide.mjs").read_text() == "pyodide.mjs"
    with pytest.raises(BuildStepError, match=f"has sha256 {pinned}, not the pinned 0123"):
        runtime_files.unpack_pyodide(SimpleNamespace(pyodide_version="0.0.1", pyodide_sha256="0123"), tmp_path)


def test_builds_sharing_a_cache_fill_it_one_at_a_time(tmp_path, monkeypatch):
    """While one build downloads, unpacks or snapshots into the cache, a
    second build (``mkdocs serve`` beside ``make build``, a parallel test
    run) cannot take the cache: it waits for the lock."""
    import fcntl  # the lock is POSIX's, as is this test

    from sitebuild import minify, postbuild

    seen = []

    def second_build_tries_the_lock(site, options, cache):
        with open(cache / ".lock", "w") as other:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        seen.append(cache)

    monkeypatch.setattr(minify, "minify_site", lambda site, cache: None)
    monkeypatch.setattr(runtime_files, "write_runtime_files", second_build_tries_the_lock)
    (tmp_path / "site").mkdir()
    postbuild.finish(tmp_path / "site", RuntimeOptions(), tmp_path / "cache")
    assert seen == [tmp_path / "cache"]
    with open(tmp_path / "cache" / ".lock", "w") as after:
        fcntl.flock(after, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released once the build is done
