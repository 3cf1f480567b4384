"""The MkDocs plugin ``sidecar-tax``: the calculators on any MkDocs site in one line.

::

    plugins:
      - search
      - sidecar-tax                               # or with options:
      # - sidecar-tax: {pyodide_source: self-hosted, snapshot: false}

It adds what the site lacks of the extension lines (:mod:`sitebuild.extension`,
next to pymdownx.superfences and any custom fences the site has, and
:mod:`sitebuild.figures_md`), the
runtime's stylesheets and module script, and after the build writes the
browser runtime into ``site_dir`` (:mod:`sitebuild.postbuild`). The options
are :class:`sitebuild.options.RuntimeOptions`; MkDocs' ``!ENV`` works on
each. Zensical runs no plugins: README.md lists the lines to write instead.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .options import OptionsError, RuntimeOptions
from .postbuild import finish
from .runtime_files import BuildStepError, check_tools

EXTENSION = "sitebuild.extension"
FIGURES = "sitebuild.figures_md"  # [[fig:ID]] and [[last-reviewed:DATE]]
SUPERFENCES = "pymdownx.superfences"
STYLESHEETS = ("assets/calculators/calculators.css", "assets/calculators/charts.css")
MODULE_SCRIPT = "assets/calculators/mount-forms.js"  # on every page, so instant navigation finds it running


class SidecarTaxPlugin(BasePlugin):
    # MkDocs checks each option's type (and expands !ENV); RuntimeOptions checks the rules.
    config_scheme = tuple(
        (field.name, config_options.Type(type(field.default), default=field.default)) for field in fields(RuntimeOptions)
    )

    def on_config(self, config):
        """A bad setup stops the build before any page is rendered."""
        try:
            self.options = RuntimeOptions.from_mapping(dict(self.config), where="plugins.sidecar-tax")
            check_tools(self.options)
        except (OptionsError, BuildStepError) as error:
            raise PluginError(str(error)) from None
        for extension in (SUPERFENCES, EXTENSION, FIGURES):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for stylesheet in STYLESHEETS:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        if MODULE_SCRIPT not in [str(script) for script in config.extra_javascript]:
            script = config_options.ExtraScriptValue(MODULE_SCRIPT)
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    @event_priority(-100)  # last: it fixes pages other plugins write then (mkdocs-redirects)
    def on_post_build(self, config):
        try:
            finish(Path(config.site_dir), self.options, Path(config.config_file_path).parent / ".cache")
        except BuildStepError as error:
            raise PluginError(str(error)) from None
