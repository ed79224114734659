"""The HTML report's templates, installed as the package data ``attribution.templates``."""
