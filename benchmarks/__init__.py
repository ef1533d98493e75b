"""Speed and accuracy benchmarks (results in docs/BENCHMARKS.md)."""
