"""``python -m attribution.spark`` (what ``spark-submit`` runs is ``attribution/spark/main.py``)."""

from attribution.spark.main import entry

entry()
