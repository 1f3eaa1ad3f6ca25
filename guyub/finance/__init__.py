"""Finance: the statements, the year-end close and the SHU (issue 16)."""
