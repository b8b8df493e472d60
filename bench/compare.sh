#!/usr/bin/env bash
# bench/compare.sh — readme-lint side by side with other Markdown linters on 4,708 real
# READMEs (../shared/corpus), timed with hyperfine. See bench/README.md.
#
#   bench/compare.sh            # installs what it needs, runs everything, prints one table
#
# Environment:
#   BIG_LIMIT=150     seconds a tool may be expected to need for the 50 MB file before it is
#                     left out of that column (the reason is printed in the cell)
#   BENCH_CACHE=DIR   where the peers, the sample and the results go
#                     (default: ~/.cache/readme-lint-bench)
#   CORPUS_OUT=DIR    passed on to make-corpus.sh (default: ~/.cache/readme-corpus/corpus)
#
# Needs root or sudo for apt-get when hyperfine, GNU time, node/npm or python3-venv are
# missing; reaches only the Debian, PyPI, npm and crates.io registries.
set -euo pipefail
export LC_ALL=C

die() { printf 'compare.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*" >&2; }
q() { printf '%q' "$1"; }

STARTED=$SECONDS
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null)" ||
  die "run this from a git clone of readme-lint (git rev-parse --show-toplevel failed in $HERE)"
SHARED="$ROOT/../shared/corpus"
[[ -f "$SHARED/make-corpus.sh" && -f "$SHARED/make-bigfile.sh" ]] ||
  die "the corpus scripts are missing: expected $SHARED/make-corpus.sh and make-bigfile.sh (the shared/ folder sits beside the repository)"

# ------------------------------------------------------------------ settings --------------
RUMDL_VERSION=0.3.0
MARKDOWNLINT_CLI2_VERSION=0.24.1
PYMARKDOWN_VERSION=0.9.41          # pymarkdownlnt, the latest release on 2026-11-21
TYPICAL=1fc681010aad8156.md        # range-parser's README from npm: 2,370 bytes, badges, 4 sections
SAMPLE_EVERY=10                    # pymarkdown gets every 10th corpus file (it needs ~9 min for all)
BIG_LIMIT="${BIG_LIMIT:-150}"
[[ "$BIG_LIMIT" =~ ^[0-9]+$ ]] || die "BIG_LIMIT must be a whole number of seconds"

XDG_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}"
CACHE="${BENCH_CACHE:-$XDG_CACHE/readme-lint-bench}"
CORPUS="${CORPUS_OUT:-$XDG_CACHE/readme-corpus/corpus}/files"
BIG="$XDG_CACHE/readme-corpus/big"
RESULTS="$CACHE/results"
VENV="$CACHE/venv"
NPM_PREFIX="$CACHE/npm"

# ------------------------------------------------------------- system tools ---------------
SUDO=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot apt-get install what is missing"
  SUDO=(sudo)
fi
apt_packages=()
command -v hyperfine >/dev/null || apt_packages+=(hyperfine)
[[ -x /usr/bin/time ]] || apt_packages+=(time)
command -v taskset >/dev/null || apt_packages+=(util-linux)
command -v npm >/dev/null || apt_packages+=(nodejs npm)
command -v python3 >/dev/null || apt_packages+=(python3)
if command -v python3 >/dev/null && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  apt_packages+=(python3-venv)
fi
if ((${#apt_packages[@]})); then
  say "apt-get install ${apt_packages[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${apt_packages[@]}" >&2
fi
command -v cargo >/dev/null || die "cargo is missing: install a Rust toolchain (rustup) first"
(($(nproc) >= 2)) || die "this benchmark needs at least 2 cores (nproc says $(nproc))"

# ------------------------------------------------------------------- corpus ---------------
say "corpus: $SHARED/make-corpus.sh"
bash "$SHARED/make-corpus.sh" >&2
bash "$SHARED/make-bigfile.sh" >&2
[[ -f "$CORPUS/$TYPICAL" ]] || die "the corpus at $CORPUS lacks $TYPICAL: is it the pinned corpus?"
for size in 5 50; do
  [[ -f "$BIG/big-${size}MB.md" ]] || die "make-bigfile.sh did not write $BIG/big-${size}MB.md"
done

# -------------------------------------------------------------------- peers ---------------
say "peers in $CACHE"
mkdir -p "$CACHE" "$RESULTS"
if [[ "$("$VENV/bin/rumdl" --version 2>/dev/null)" != "rumdl $RUMDL_VERSION" ||
      "$("$VENV/bin/pymarkdown" version 2>/dev/null)" != "$PYMARKDOWN_VERSION" ]]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check \
    "rumdl==$RUMDL_VERSION" "pymarkdownlnt==$PYMARKDOWN_VERSION" >&2
fi
MDL2_JSON="$NPM_PREFIX/node_modules/markdownlint-cli2/package.json"
if [[ "$(node -p "require(process.argv[1]).version" "$MDL2_JSON" 2>/dev/null)" != "$MARKDOWNLINT_CLI2_VERSION" ]]; then
  mkdir -p "$NPM_PREFIX"
  npm install --prefix "$NPM_PREFIX" --no-audit --no-fund --loglevel=error \
    "markdownlint-cli2@$MARKDOWNLINT_CLI2_VERSION" >&2
fi

# ------------------------------------------------------------------- builds ---------------
say "cargo build --release (readme-lint and the comrak floor)"
(cd "$ROOT" && cargo build --release --bin readme-lint --example comrak_floor >&2)
TARGET_DIR="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
READMELINT="$TARGET_DIR/release/readme-lint"
# The commit the binary was built from, taken now: the tree may change while the timings run.
V_READMELINT="$(cd "$ROOT" && git describe --always --dirty) ($(cd "$ROOT" && git log -1 --format=%cs))"
FLOOR="$TARGET_DIR/release/examples/comrak_floor"

# How each tool is run (default rules, no config); the paths follow.
declare -A CMD=(
  [readme-lint]="$(q "$READMELINT") --quiet --output-format concise"
  [comrak-floor]="$(q "$FLOOR")"
  [rumdl]="$(q "$VENV/bin/rumdl") check --no-config --no-cache"
  [markdownlint-cli2]="$(q "$NPM_PREFIX/node_modules/.bin/markdownlint-cli2")"
  [pymarkdown]="$(q "$VENV/bin/pymarkdown") --continue-on-error scan"
)
TOOLS=(readme-lint comrak-floor rumdl markdownlint-cli2 pymarkdown)
# Runs per corpus measurement (and warmup runs): fewer for the slow tools.
declare -A RUNS=([readme-lint]=10 [comrak-floor]=10 [rumdl]=5 [markdownlint-cli2]=2 [pymarkdown]=1)
declare -A WARMUP=([readme-lint]=1 [comrak-floor]=1 [rumdl]=1 [markdownlint-cli2]=0 [pymarkdown]=0)

# ------------------------------------------------------------ the workspace ---------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/readme-lint-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/empty" "$WORK/one"
cp "$CORPUS/$TYPICAL" "$WORK/one/README.md"
SAMPLE="$CACHE/sample"
rm -rf "$SAMPLE"; mkdir -p "$SAMPLE"
find "$CORPUS" -maxdepth 1 -type f -name '*.md' | sort | awk -v n="$SAMPLE_EVERY" 'NR % n == 1' |
  while IFS= read -r file; do cp "$file" "$SAMPLE/"; done
rm -f "$RESULTS"/*.json "$RESULTS"/*.time "$RESULTS"/*.skip "$RESULTS"/*.note

# files_of KIND: the shell words that name the files of a corpus measurement
files_of() {
  case "$1" in
    corpus) printf '%s/*.md' "$(q "$CORPUS")" ;;
    sample) printf '%s/*.md' "$(q "$SAMPLE")" ;;
    *) die "files_of: unknown kind $1" ;;
  esac
}

# timed ID CPUS RUNS WARMUP FILES TOOL [MEMFILE]: one hyperfine measurement, run from the empty folder
timed() {
  local id=$1 cpus=$2 runs=$3 warmup=$4 files=$5 tool=$6 mem=${7:-} wrap=""
  [[ -n "$mem" ]] && wrap="/usr/bin/time -v -a -o $(q "$mem") "
  say "$id"
  (cd "$WORK/empty" && hyperfine -i -S bash --style basic --warmup "$warmup" --runs "$runs" \
    --export-json "$RESULTS/$id.json" --command-name "$tool" \
    "${wrap}taskset -c $cpus ${CMD[$tool]} $files" >&2)
}

# --------------------------------------------------- (a), (b): the whole corpus ---------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for tool in "${TOOLS[@]}"; do
  kind=corpus
  [[ $tool == pymarkdown ]] && kind=sample
  timed "corpus1-$tool" 0 "${RUNS[$tool]}" "${WARMUP[$tool]}" "$(files_of "$kind")" "$tool"
  timed "corpus2-$tool" 0,1 "${RUNS[$tool]}" "${WARMUP[$tool]}" "$(files_of "$kind")" "$tool" "$RESULTS/corpus2-$tool.time"
done
# readme-lint on pymarkdown's sample, for that row's ratio
timed "sample1-readme-lint" 0 10 1 "$(files_of sample)" readme-lint

# --------------------------------------------------- (c): one typical README ---------------
for tool in "${TOOLS[@]}"; do
  say "one-$tool"
  (cd "$WORK/one" && hyperfine -N -i --style basic --warmup 3 --min-runs 10 \
    --export-json "$RESULTS/one-$tool.json" --command-name "$tool" "${CMD[$tool]} README.md" >&2)
done

# ------------------------------------------------------- (d): the 50 MB file ---------------
# A tool whose corpus speed, or whose time on the 5 MB file, says it would need more than
# BIG_LIMIT seconds for 50 MB is left out of this column, with the reason.
big_runs() {   # big_runs ID FILE TOOL MIN MAX TIMEOUT
  say "$1"
  (cd "$WORK/empty" && hyperfine -i -S bash --style basic --min-runs "$4" --max-runs "$5" \
    --export-json "$RESULTS/$1.json" --command-name "$3" \
    "timeout $6 ${CMD[$3]} $(q "$2")" >&2)
}
for tool in "${TOOLS[@]}"; do
  estimate="$(python3 - "$RESULTS/corpus1-$tool.json" "$CORPUS" "$SAMPLE" "$tool" <<'PY'
import json, os, sys
result = json.load(open(sys.argv[1]))["results"][0]
folder = sys.argv[3] if sys.argv[4] == "pymarkdown" else sys.argv[2]
size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
print(round(50_000_000 / (size / result["mean"])))
PY
)"
  if ((estimate > BIG_LIMIT)); then
    printf 'not run (≥ %s s at its corpus speed)\n' "$estimate" > "$RESULTS/big50-$tool.skip"
    continue
  fi
  big_runs "big5-$tool" "$BIG/big-5MB.md" "$tool" 1 1 "$BIG_LIMIT"
  t5="$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print(-1 if 124 in r["exit_codes"] else round(r["mean"], 1))' "$RESULTS/big5-$tool.json")"
  if [[ "$t5" == -1 ]] || python3 -c 'import sys; sys.exit(not float(sys.argv[1]) * 10 > float(sys.argv[2]))' "$t5" "$BIG_LIMIT"; then
    [[ "$t5" == -1 ]] && t5="> $BIG_LIMIT"
    printf 'not run (5 MB: %s s)\n' "$t5" > "$RESULTS/big50-$tool.skip"
    continue
  fi
  big_runs "big50-$tool" "$BIG/big-50MB.md" "$tool" 1 3 $((BIG_LIMIT * 3))
  # An exit code other than 0 (clean) or 1 (findings) means the tool refused or failed:
  # keep its message, without the file's path, for the cell.
  if python3 -c 'import json, sys; sys.exit(not set(json.load(open(sys.argv[1]))["results"][0]["exit_codes"]) - {0, 1, 124})' "$RESULTS/big50-$tool.json"; then
    (cd "$WORK/empty" || exit 1; eval "timeout $BIG_LIMIT ${CMD[$tool]} $(q "$BIG/big-50MB.md")" 2>&1 >/dev/null || true) |
      grep -v '^[[:space:]]*$' | tail -n 1 | sed "s|.*$BIG/big-50MB.md:* *||" > "$RESULTS/big50-$tool.note"
  fi
done

# -------------------------------------------------------------------- table ---------------
say "table"
export RESULTS CORPUS SAMPLE SAMPLE_EVERY TYPICAL ROOT
V_COMRAK="$(cd "$ROOT" && cargo tree -q -e normal -i comrak --depth 0 2>/dev/null | head -1)"
V_HYPERFINE="$(hyperfine --version)"
ELAPSED=$((SECONDS - STARTED))
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
export V_READMELINT V_COMRAK V_HYPERFINE ELAPSED LOAD_BEFORE LOAD_AFTER
export V_RUMDL="$RUMDL_VERSION" V_MDL2="$MARKDOWNLINT_CLI2_VERSION" V_PYMD="$PYMARKDOWN_VERSION"
python3 - <<'PY' | tee "$RESULTS/table.md"
import json, os, re, subprocess

R = os.environ["RESULTS"]
tools = ["readme-lint", "comrak-floor", "rumdl", "markdownlint-cli2", "pymarkdown"]
names = {
    "readme-lint": f"readme-lint {os.environ['V_READMELINT']}",
    "comrak-floor": f"comrak parse only ({os.environ['V_COMRAK']}, readme-lint's options)",
    "rumdl": f"rumdl {os.environ['V_RUMDL']}",
    "markdownlint-cli2": f"markdownlint-cli2 {os.environ['V_MDL2']}",
    "pymarkdown": f"pymarkdownlnt {os.environ['V_PYMD']} ¹",
}

def load(name):
    path = os.path.join(R, name + ".json")
    return json.load(open(path))["results"][0] if os.path.exists(path) else None

def secs(t, unit=None):
    """Seconds as `12.3 ms`, `1.23 s` or `12.3 s`; `unit` gives the scale of another number."""
    scale = t if unit is None else unit
    return f"{t * 1000:.1f} ms" if scale < 1 else f"{t:.2f} s" if scale < 10 else f"{t:.1f} s"

def cell(name):
    r = load(name)
    if r is None:
        skip = os.path.join(R, name + ".skip")
        return open(skip).read().strip() if os.path.exists(skip) else "–"
    if 124 in r["exit_codes"]:
        return "stopped (timeout)"
    failed = sorted(set(r["exit_codes"]) - {0, 1})
    if failed:
        note_path = os.path.join(R, name + ".note")
        note = open(note_path).read().strip() if os.path.exists(note_path) else ""
        return f"exit {failed[0]} after {secs(r['mean'])}" + (f": {note}" if note else "")
    sd = r["stddev"]
    return secs(r["mean"]) + (f" ± {secs(sd, r['mean'])}" if sd else "") + f" ({len(r['times'])})"

def peak(tool):
    path = os.path.join(R, f"corpus2-{tool}.time")
    if not os.path.exists(path):
        return "–"
    kb = [int(m) for m in re.findall(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())]
    return f"{max(kb) / 1024:.0f} MiB" if kb else "–"

def ratio(tool):
    base = "sample1-readme-lint" if tool == "pymarkdown" else "corpus1-readme-lint"
    mine, theirs = load(base), load(f"corpus1-{tool}")
    return f"{theirs['mean'] / mine['mean']:.2f}×" if mine and theirs else "–"

def folder_stats(folder):
    files = [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".md")]
    return len(files), sum(os.path.getsize(f) for f in files)

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
nfiles, nbytes = folder_stats(os.environ["CORPUS"])
sfiles, sbytes = folder_stats(os.environ["SAMPLE"])
typical = os.path.getsize(os.path.join(os.environ["CORPUS"], os.environ["TYPICAL"]))
date = subprocess.run(["date", "-u", "+%Y-%m-%d"], capture_output=True, text=True).stdout.strip()

print(f"Measured {date} on {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), "
      f"{cpu}, {mem / 1024 / 1024:.1f} GiB; {os.environ['V_HYPERFINE']}; "
      f"corpus {nfiles} files, {nbytes / 1e6:.1f} MB; one README {typical} bytes; "
      f"whole script {int(os.environ['ELAPSED']) // 60} min {int(os.environ['ELAPSED']) % 60} s; "
      f"load average {os.environ['LOAD_BEFORE']} before the timings, {os.environ['LOAD_AFTER']} after.")
print()
print("| tool | corpus, 1 core | corpus, 2 cores | one README | 50 MB file | peak memory (corpus) | ratio to readme-lint (corpus, 1 core) |")
print("|---|---|---|---|---|---|---|")
for t in tools:
    print(f"| {names[t]} | {cell('corpus1-' + t)} | {cell('corpus2-' + t)} | {cell('one-' + t)} "
          f"| {cell('big50-' + t)} | {peak(t)} | {ratio(t)} |")
print()
print("Times are hyperfine's mean ± standard deviation (number of runs) of the whole process.")
s = load("sample1-readme-lint")
print(f"¹ pymarkdown's corpus columns and memory are on a sample: every {os.environ['SAMPLE_EVERY']}th "
      f"corpus file by name, {sfiles} files, {sbytes / 1e6:.1f} MB; its ratio is to readme-lint on the same "
      f"sample ({secs(s['mean']) if s else '?'} on 1 core).")
five = [f"{t} {secs(load('big5-' + t)['mean'])}" for t in tools if load("big5-" + t)]
if five:
    print("5 MB file (one run each, the probe before the 50 MB file): " + ", ".join(five) + ".")
PY
