"""Renderers: a report (or a check result) in, text out; they never write files.

terminal, html (the self-contained side-by-side report), json, ci (the check
formats: human, json, github, markdown, junit).

May import: ``attribution.newsroom`` (its result types) and the layers below it.
"""
