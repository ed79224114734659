"""Newsroom workflows: ``attrib check`` (policy, articles with front matter, manifests,
the repository and git) and ``attrib batch``.

May import: ``attribution.pipeline`` and the layers below it (core, checks, embedding,
errors). Renderers are handed in (``run_batch(render_html=...)``), never imported.
"""
