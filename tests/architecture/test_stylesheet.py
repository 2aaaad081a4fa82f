"""The portal's own stylesheet parses as written: every block it opens it closes, so no
rule meant for the screen ends up inside a print (or any other) media block."""

from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def test_every_block_of_the_stylesheet_is_closed_where_the_next_rule_begins():
    depth = 0
    in_comment = False
    text = CSS.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        index = 0
        while index < len(line):
            if in_comment:
                end = line.find("*/", index)
                if end == -1:
                    break
                in_comment, index = False, end + 2
                continue
            if line.startswith("/*", index):
                in_comment, index = True, index + 2
                continue
            if line[index] == "{":
                depth += 1
            elif line[index] == "}":
                depth -= 1
                assert depth >= 0, f"line {number}: a closing brace too many"
            index += 1
        # A comment at the start of a line introduces a top-level rule in this file.
        if line.startswith("/*"):
            assert depth == 0, f"line {number}: a comment at the top level inside a block"
    assert depth == 0, "a block is never closed"
