"""Ingest: files (txt, docx) to documents, and report layouts (table, prose) to raw events."""
