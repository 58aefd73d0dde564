"""A generator of synthetic plans of the genre, for testing the extractor on layouts the
seed plans do not have. `generate(seed)` gives a Variant (blocks + gold); `render` writes
it as .txt, .docx and .pdf. Any failing variant is replayed from its seed:

    python -m theodoi.ingest.tests.layouts SEED [--out DIR]
"""
