"""Values in the rows the stages pass one another: a pandas cell read as a Python value, an exception
as the one line a row records, and the status an article's output row ends with.

pandas hands a missing value over as ``None``, ``NaN``, ``pd.NA`` or ``pd.NaT`` depending on the column's
type and on Arrow's conversion; every stage reads cells through these so a missing value is ``None``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

OK, BAD_INPUT, FAILED = "ok", "bad_input", "failed"
"""An article row's ``status``: audited, its input row was bad, or its audit raised."""


def cell(value: Any) -> Any:
    """The cell's value, or ``None`` when it is missing in any of pandas' ways."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def cell_list(value: Any) -> list[Any]:
    """An array cell as a list (empty when the cell is missing: a left join found nothing)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return list(value)


def error_line(exc: BaseException) -> str:
    """The exception as the one line a failed row records: its type and the first line of its message."""
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
