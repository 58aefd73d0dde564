"""PDF reader: rebuilds paragraphs and ruled tables from a PDF's text layer, in stages
modelled on pdfplumber's layout: `geometry` (page space), `ruling` (rules → grids),
`chars` (characters → runs), `lines` (runs → lines), `cells` (grids → table cells),
`paragraphs` (lines → paragraphs), `entry` (the page loop and its errors), with one
clustering helper (`clustering`) that every stage calls."""

from theodoi.ingest.readers.pdf.entry import read_pdf

__all__ = ["read_pdf"]
