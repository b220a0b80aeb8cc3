"""Reports on comparisons: plots (matplotlib) and the self-contained HTML report."""
