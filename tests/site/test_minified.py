"""The site serves its own JS and CSS minified, built from the readable
sources in ``overrides/assets/`` and ``sitebuild/assets/`` (issue 27), by both engines' builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ROOTS = (ROOT / "overrides", ROOT / "sitebuild")  # each holds assets/ as the site serves it
# A module's imports and exports by name: what other files rely on.
IMPORTED = re.compile(r"""(?:import|from)\s*["'](\./[\w-]+\.js)["']""")
EXPORTED = re.compile(r"export\s+(?:async\s+)?(?:function|const|let|class)\s+(\w+)")


def own_sources() -> list[Path]:
    return sorted(path for root in SOURCE_ROOTS for path in (root / "assets").rglob("*") if path.suffix in (".js", ".css"))


def served(built_site: Path, source: Path) -> Path:
    """Where the built site serves a source file."""
    root = next(root for root in SOURCE_ROOTS if source.is_relative_to(root))
    return built_site / source.relative_to(root)


def test_each_own_file_ships_smaller_with_its_source_in_a_map(built_site):
    for source in own_sources():
        shipped = served(built_site, source)
        text = shipped.read_text(encoding="utf-8")
        assert len(text.encode()) < source.stat().st_size, f"{shipped.name} is not minified"
        assert f"sourceMappingURL={shipped.name}.map" in text.splitlines()[-1], shipped.name
        source_map = json.loads(shipped.with_name(f"{shipped.name}.map").read_text(encoding="utf-8"))
        assert source_map["sourcesContent"] == [source.read_text(encoding="utf-8")], shipped.name


def test_minified_modules_import_and_export_what_their_sources_do(built_site):
    for source in own_sources():
        if source.suffix != ".js":
            continue
        written = source.read_text(encoding="utf-8")
        shipped = served(built_site, source).read_text(encoding="utf-8")
        assert set(IMPORTED.findall(shipped)) == set(IMPORTED.findall(written)), source.name
        for name in EXPORTED.findall(written):
            assert re.search(rf"\b{name}\b", shipped.split("export", 1)[-1]), f"{source.name} no longer exports {name}"
