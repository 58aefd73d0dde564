"""Read a plan document (.txt/.md, .docx, .pdf) into the plan JSON of FORMAT.md.

Pure Python, no Django: `extract_plan(path)` is the whole public surface, with
`ExtractionError` the only exception it lets out.
"""

from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.extract import extract_plan

__all__ = ["ExtractionError", "extract_plan"]
