"""Reading PostgreSQL plans: ``EXPLAIN (ANALYZE, FORMAT JSON)`` output in, a short
verdict out. Pure functions, no database."""

from collections.abc import Iterator

# A sequential scan of a table with at least this many rows reads "the whole table" in
# the sense of the issue: far more than the 50 rows a list shows.
WHOLE_TABLE_ROWS = 1000
SCAN_NODES = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}
OUTLINE_MAX_LINES = 30


def walk(node: dict, depth: int = 0) -> Iterator[tuple[int, dict]]:
    """Every node of the plan tree, depth first, with its depth."""
    yield depth, node
    for child in node.get("Plans", []):
        yield from walk(child, depth + 1)


def rows_read(node: dict) -> int:
    """Rows a node looked at: those it returned and those its filter dropped, all loops."""
    loops = node.get("Actual Loops", 1) or 1
    per_loop = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
    return int(per_loop * loops)


def describe(node: dict) -> str:
    """One line for a node: its type, table and index, rows and time."""
    parts = [node["Node Type"]]
    if node.get("Strategy") and node["Node Type"] == "Aggregate":
        parts[0] = f"{node['Strategy']} {parts[0]}"
    if "Relation Name" in node:
        parts.append(f"on {node['Relation Name']}")
    if "Index Name" in node:
        parts.append(f"using {node['Index Name']}")
    if "Sort Method" in node:
        parts.append(f"[{node['Sort Method']}]")
    text = " ".join(parts)
    details = f"rows={node.get('Actual Rows', 0)}"
    if node.get("Actual Loops", 1) != 1:
        details += f" loops={node['Actual Loops']}"
    if node.get("Rows Removed by Filter"):
        details += f" removed={node['Rows Removed by Filter']}"
    if "Actual Total Time" in node:
        details += f" {node['Actual Total Time']:.1f} ms"
    return f"{text} ({details})"


def summarise(explained: list | dict, table_rows: dict[str, int]) -> dict:
    """The verdict on one analysed plan.

    ``explained`` is what ``EXPLAIN (ANALYZE, FORMAT JSON)`` returns (a list with one
    object); ``table_rows`` the number of rows of each table the plan names.
    """
    top = explained[0] if isinstance(explained, list) else explained
    root = top["Plan"]
    nodes = list(walk(root))
    seq_scans = [
        {
            "table": node["Relation Name"],
            "table_rows": table_rows.get(node["Relation Name"], 0),
            "rows_read": rows_read(node),
        }
        for _, node in nodes
        if node["Node Type"] == "Seq Scan" and "Relation Name" in node
    ]
    whole = [scan["table"] for scan in seq_scans if scan["table_rows"] >= WHOLE_TABLE_ROWS]
    outline = [f"{'  ' * depth}{describe(node)}" for depth, node in nodes]
    if len(outline) > OUTLINE_MAX_LINES:
        hidden = len(outline) - OUTLINE_MAX_LINES
        outline = [*outline[:OUTLINE_MAX_LINES], f"... {hidden} more nodes"]
    return {
        "execution_ms": round(top.get("Execution Time", 0.0), 2),
        "rows_returned": root.get("Actual Rows", 0),
        "rows_read": sum(rows_read(node) for _, node in nodes if node["Node Type"] in SCAN_NODES),
        "seq_scans": seq_scans,
        "whole_table": sorted(set(whole)),
        "outline": outline,
    }


def relations(explained: list | dict) -> set[str]:
    """The tables a plan reads."""
    top = explained[0] if isinstance(explained, list) else explained
    return {node["Relation Name"] for _, node in walk(top["Plan"]) if "Relation Name" in node}
