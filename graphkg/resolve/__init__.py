"""Resolve: one identity per real-world institution and agreement across rows, reports and years."""
