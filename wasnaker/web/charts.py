"""The pages' charts: the shared server-side SVG charts of wasnaker.charts (the Rakornas report draws the same)."""

from wasnaker.charts import bars, columns, number

__all__ = ["bars", "columns", "number"]
