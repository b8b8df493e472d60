#!/usr/bin/env python3
"""Feeds texts through `readme-lint dates` for the date scorer.

Reads {"id", "text"} JSON lines on stdin and writes one {"id", "dates": [...]} line per
input, in order, each date as {"start", "end", "value"} with UTF-8 byte offsets into the
text: the interface of the team's date-set scorer, run as

    python3 score-dates.py --eval SET.jsonl --cmd "python3 bench/dates-adapter.py"

Set READMELINT to the binary to use (default: target/release/readme-lint).
"""
import json
import os
import subprocess
import sys

BINARY = os.environ.get("READMELINT", "target/release/readme-lint")


def dates_of(text):
    result = subprocess.run(
        [BINARY, "dates", "-", "--format", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        raise SystemExit(result.returncode)
    out = []
    for found in json.loads(result.stdout):
        date = {"start": found["start"], "end": found["end"], "value": found["value"]}
        if found.get("range_end"):
            date["range_end"] = found["range_end"]
        if found.get("alternatives"):
            date["alt"] = found["alternatives"]
        if found.get("invalid"):
            date["invalid"] = found["invalid"]
        out.append(date)
    return out


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        record = json.loads(line)
        print(json.dumps({"id": record.get("id"), "dates": dates_of(record["text"])}), flush=True)


if __name__ == "__main__":
    main()
