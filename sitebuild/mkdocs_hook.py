"""MkDocs hook: the engine-neutral build steps, run inside ``mkdocs build``
and ``mkdocs serve``. A shim only: the steps live in :mod:`sitebuild.postbuild`
so that a Zensical build (no hooks) runs them as ``python -m sitebuild``."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from sitebuild.options import OptionsError, from_config
from sitebuild.postbuild import finish
from sitebuild.runtime_files import BuildStepError, check_tools


def _options(config):
    try:
        return from_config({"extra": dict(config.extra)})
    except OptionsError as error:
        raise PluginError(str(error)) from None


def on_config(config):
    """A bad setup stops the build before any page is rendered."""
    try:
        check_tools(_options(config))
    except BuildStepError as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    try:
        finish(Path(config.site_dir), _options(config), Path(config.config_file_path).parent / ".cache")
    except BuildStepError as error:
        raise PluginError(str(error)) from None
