#!/usr/bin/env python3
"""The most depended-on packages whose READMEs are in the README corpus.

"Depended on" is counted in the corpus's own pinned dependency trees: for each package,
the number of distinct packages (by name) that list it as a dependency, in the cargo
lockfile and in every npm package-lock.json. Packages whose top-level README is in the
corpus manifest (`cargo:<name>-<version>/README.md`, `npm:<name>/README.md`, any case)
are kept, most depended-on first; ties are broken by name.

    top-packages.py PINS_DIR MANIFEST.tsv [COUNT] > top-packages.tsv

Prints: hash16, ecosystem, name, dependents.
"""
import json
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path


def cargo_dependents(lock_path):
    lock = tomllib.loads(lock_path.read_text())
    dependents = defaultdict(set)
    for package in lock.get("package", []):
        for dependency in package.get("dependencies", []):
            dependents[dependency.split(" ")[0]].add(package["name"])
    return dependents


def npm_dependents(pins_npm):
    dependents = defaultdict(set)
    for lock_path in sorted(pins_npm.glob("*/package-lock.json")):
        lock = json.loads(lock_path.read_text())
        for key, package in lock.get("packages", {}).items():
            if not key:
                continue
            name = package.get("name") or key.split("node_modules/")[-1]
            for field in ("dependencies", "optionalDependencies", "peerDependencies"):
                for dependency in package.get(field, {}) or {}:
                    dependents[dependency].add(name)
    return dependents


def main():
    pins = Path(sys.argv[1])
    manifest = Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    readmes = {}
    for line in manifest.read_text().splitlines()[1:]:
        hash16, _size, origin = line.split("\t")
        match = re.fullmatch(r"cargo:(.+)-(\d+\.\d+\.\d+[^/]*)/readme\.(md|markdown)", origin, re.I)
        if match:
            readmes.setdefault(("cargo", match.group(1)), hash16)
            continue
        match = re.fullmatch(r"npm:((?:@[^/]+/)?[^/@]+)/readme\.(md|markdown)", origin, re.I)
        if match:
            readmes.setdefault(("npm", match.group(1)), hash16)
    counts = []
    for ecosystem, dependents in (
        ("cargo", cargo_dependents(pins / "cargo" / "Cargo.lock")),
        ("npm", npm_dependents(pins / "npm")),
    ):
        for name, users in dependents.items():
            if (ecosystem, name) in readmes:
                counts.append((len(users), ecosystem, name))
    counts.sort(key=lambda item: (-item[0], item[1], item[2]))
    print("hash16\tecosystem\tname\tdependents")
    for users, ecosystem, name in counts[:count]:
        print(f"{readmes[(ecosystem, name)]}\t{ecosystem}\t{name}\t{users}")


if __name__ == "__main__":
    main()
