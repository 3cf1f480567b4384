"""The site's build steps, apart from any one build engine.

MkDocs 1.x and Material 9 are at end of life, and Zensical, which reads the
same ``mkdocs.yml``, does not run MkDocs ``hooks:``. So nothing here needs
MkDocs to run:

* :mod:`sitebuild.fence` renders ``calculator`` fences (a pymdownx.superfences
  custom fence, named in ``mkdocs.yml``, which both engines honour);
* :mod:`sitebuild.interface_table` renders the stable-interface table;
* :mod:`sitebuild.postbuild` finishes a built site: the calculators package,
  the Pyodide copy, the start-up snapshot, ``config.js`` and the HTML fixes.
  It runs as ``python -m sitebuild SITE_DIR`` after any engine's build;
* :mod:`sitebuild.mkdocs_hook` is the thin shim that runs the same steps
  inside ``mkdocs build`` and ``mkdocs serve``.
"""
