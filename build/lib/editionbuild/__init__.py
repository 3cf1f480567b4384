"""Editions: the whole site frozen at each review, so that an ADR can cite
what its authors read (issue 26).

An edition is a full MkDocs build (its own calculators package, Pyodide copy
and snapshot) committed by mike to the local git branch ``editions`` under
its review date, ``YYYY-MM-DD/``; the alias ``latest/`` is a copy of the
newest one. Zensical has no versioning yet, so editions are MkDocs builds.

- :mod:`editionbuild.record`: what an edition records about itself
  (``edition.json``: calculators, verdict rules, redirects, stable anchors).
- :mod:`editionbuild.changes`: what changed between two editions, as Markdown.
- :mod:`editionbuild.hook`: the MkDocs hook of an edition build (the "What
  changed" page, the record).
- :mod:`editionbuild.publish`: ``make edition`` (mike deploy, root page).
- :mod:`editionbuild.serve`: ``make serve-editions`` (the branch over HTTP).
"""

BRANCH = "editions"
LATEST = "latest"
