"""The one error type the extractor lets out: a Vietnamese message for the user."""


class ExtractionError(Exception):
    """The file cannot be read as a plan. `str(err)` is one line in Vietnamese saying
    what is wrong and where (file, page, row)."""
