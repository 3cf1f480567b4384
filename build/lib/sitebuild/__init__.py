"""The calculators for any docs site, apart from any one build engine.

MkDocs 1.x and Material 9 are at end of life, and Zensical, which reads the
same ``mkdocs.yml``, runs no MkDocs plugins. So nothing here but the plugin
needs MkDocs to run:

* :mod:`sitebuild.extension` is the Python-Markdown extension that adds the
  fences to pymdownx.superfences (both engines run it);
* :mod:`sitebuild.fence` renders ``calculator`` fences;
* :mod:`sitebuild.interface_table` renders the stable-interface table;
* :mod:`sitebuild.postbuild` finishes a built site: the calculators package,
  the Pyodide copy, the start-up snapshot, ``config.js`` and the HTML fixes.
  It runs as ``python -m sitebuild SITE_DIR`` after any engine's build;
* :mod:`sitebuild.plugin` is the MkDocs plugin ``sidecar-tax`` that adds the
  extension and assets and runs the same steps inside ``mkdocs build`` and
  ``mkdocs serve``.
"""
