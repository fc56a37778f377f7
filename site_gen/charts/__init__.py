"""Charts: figures drawn from the plan's data, rendered to accessible SVG with a table and a summary."""
