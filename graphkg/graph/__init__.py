"""The graph: vocabulary, quads, derived partnerships, the build engine, stores and queries."""
