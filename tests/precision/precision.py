#!/usr/bin/env python3
"""Precision of readme-lint's findings on real READMEs, from labels a person wrote.

Each label in labels.jsonl says whether one finding of one rule in one corpus README is
right (a maintainer would agree and act on it), wrong (a false alarm: the README has what
the rule says it lacks, the date is not a date, ...) or taste (defensible, but a matter of
style the maintainer may well disagree with), with a one-line reason. A label names its
finding by the README's content hash, the line, the rule and the message.

    precision.py sample CORPUS_DIR [--per-rule 30] [--seed 12] [--bin PATH] > sample.jsonl
        Runs readme-lint (the `recommended` preset, --today 2026-12-01) on every README in
        CORPUS_DIR and picks up to --per-rule findings of each rule at random (fixed seed),
        leaving out the ones labels.jsonl already has. Prints them, one JSON object a line,
        for labelling.

    precision.py score CORPUS_DIR [--per-rule 30] [--seed 12] [--bin PATH]
        Runs readme-lint again, draws the same kind of sample, and prints for each rule how
        many of the sampled findings are labelled right, wrong and taste, and the share of
        each; then the labels that no longer match any finding (the rule changed there).

CORPUS_DIR holds the READMEs as <hash16>.md (what ../shared/corpus/make-corpus.sh writes
to ~/.cache/readme-corpus/corpus/files).

With --in-place MANIFEST.tsv READMES.tsv, each README is linted where it was published
instead (a copy of the same bytes at an origin the corpus manifest names, found through
the corpus builder's readmes.tsv: one origin may have been published in several versions),
beside its package's manifest and license files, as a maintainer would run
readme-lint in the project; findings are still named by the README's content hash.
"""
import argparse
import collections
import json
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.jsonl"
TODAY = "2026-12-01"


def in_place_paths(corpus, manifest, readmes):
    """hash16 -> where the README was published, for the READMEs still there: the first
    path under its origin whose bytes are the corpus file's."""
    origin_paths = collections.defaultdict(list)
    for line in Path(readmes).read_text().splitlines():
        origin, _, path = line.partition("\t")
        origin_paths[origin].append(Path(path))
    paths = {}
    for line in Path(manifest).read_text().splitlines()[1:]:
        hash16, _size, origin = line.split("\t")
        corpus_file = Path(corpus) / f"{hash16}.md"
        if not corpus_file.is_file():
            continue
        content = corpus_file.read_bytes()
        for path in origin_paths.get(origin, []):
            if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
                paths[hash16] = str(path)
                break
    return paths


def run(bin_path, corpus, in_place=None):
    if in_place:
        by_path = {path: hash16 for hash16, path in in_place.items()}
        files = sorted(by_path)
        cwd = "/"
    else:
        files = sorted(p.name for p in Path(corpus).glob("*.md"))
        by_path = {name: name.removesuffix(".md") for name in files}
        cwd = corpus
    findings = []
    # In chunks, to stay under the argument length limit.
    for start in range(0, len(files), 1000):
        out = subprocess.run(
            [bin_path, "--today", TODAY, "--output-format", "jsonl", *files[start : start + 1000]],
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        if out.returncode not in (0, 1):
            sys.exit(f"readme-lint failed ({out.returncode}): {out.stderr[:2000]}")
        for line in out.stdout.splitlines():
            finding = json.loads(line)
            findings.append(
                {
                    "file": by_path[finding["path"]],
                    "line": finding["line"],
                    "rule": finding["name"],
                    "severity": finding["severity"],
                    "message": finding["message"],
                    "help": finding["help"],
                    "fix": (finding["fix"] or {}).get("applicability"),
                }
            )
    return findings


def key(record):
    # The message is part of the key: a rule that now says something else on that line
    # (another badge, another missing entry) has a finding nobody labelled yet.
    return (record["file"], record["line"], record["rule"], record["message"])


def load_labels():
    if not LABELS.exists():
        return {}
    labels = {}
    for line in LABELS.read_text().splitlines():
        if line.strip():
            label = json.loads(line)
            labels[key(label)] = label
    return labels


def draw(findings, per_rule, seed):
    by_rule = collections.defaultdict(list)
    for finding in findings:
        by_rule[finding["rule"]].append(finding)
    sample = []
    for rule in sorted(by_rule):
        pool = sorted(by_rule[rule], key=key)
        random.Random(f"{seed}-{rule}").shuffle(pool)
        sample.extend(pool[:per_rule])
    return sample, by_rule


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["sample", "score"])
    parser.add_argument("corpus")
    parser.add_argument("--per-rule", type=int, default=30)
    parser.add_argument("--seed", default="12")
    parser.add_argument("--bin", default=str(HERE.parent.parent / "target/release/readme-lint"))
    parser.add_argument("--in-place", nargs=2, metavar=("MANIFEST_TSV", "READMES_TSV"))
    args = parser.parse_args()
    in_place = in_place_paths(args.corpus, *args.in_place) if args.in_place else None
    findings = run(args.bin, args.corpus, in_place)
    labels = load_labels()
    sample, by_rule = draw(findings, args.per_rule, args.seed)
    if args.command == "sample":
        for finding in sample:
            if key(finding) not in labels:
                print(json.dumps(finding, ensure_ascii=False))
        return
    print(f"{'rule':<22} {'findings':>8} {'sampled':>7} {'labelled':>8} {'right':>6} {'wrong':>6} {'taste':>6}   right%  wrong%  taste%")
    for rule in sorted(by_rule):
        picked = [finding for finding in sample if finding["rule"] == rule]
        verdicts = collections.Counter(labels[key(f)]["verdict"] for f in picked if key(f) in labels)
        labelled = sum(verdicts.values())
        share = lambda name: f"{100 * verdicts[name] / labelled:6.0f}%" if labelled else "     -"
        print(
            f"{rule:<22} {len(by_rule[rule]):>8} {len(picked):>7} {labelled:>8} "
            f"{verdicts['right']:>6} {verdicts['wrong']:>6} {verdicts['taste']:>6}  "
            f"{share('right')} {share('wrong')} {share('taste')}"
        )
    found = {key(finding) for finding in findings}
    stale = [label for k, label in labels.items() if k not in found]
    print(f"\n{len(stale)} labels match no finding now (the rule no longer reports there):")
    for label in stale:
        print(f"  {label['file']}:{label['line']} {label['rule']} [{label['verdict']}] {label['reason']}")


if __name__ == "__main__":
    main()
