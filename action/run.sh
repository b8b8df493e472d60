#!/usr/bin/env bash
# Runs readme-lint for the GitHub Action: annotations in the log, a Markdown job
# summary (all findings: GitHub shows only 10 annotations per kind and step), an
# optional SARIF file, and the exit code as a step output.
# Inputs come from the environment only (INPUT_*), never from `${{ }}` in scripts.
set -uo pipefail

bin="readme-lint"
if ! command -v "$bin" >/dev/null 2>&1 && [ -x "${RUNNER_TEMP:-}/readme-lint-install/bin/readme-lint" ]; then
  bin="$RUNNER_TEMP/readme-lint-install/bin/readme-lint"
fi

# What decides the findings and fixes: the same for the printed diff and the real run,
# so the diff shows exactly the edits that are applied.
common=()
if [ -n "${INPUT_CONFIG:-}" ]; then
  common+=(--config "$INPUT_CONFIG")
fi
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "$INPUT_ARGS"
  common+=("${extra[@]}")
fi
paths=()
if [ -n "${INPUT_PATHS:-}" ]; then
  read -r -d '' -a paths <<< "$INPUT_PATHS" || true
fi

args=(--output-format "${INPUT_OUTPUT_FORMAT:-github}")
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  args+=(--report "summary=$GITHUB_STEP_SUMMARY")
fi
if [ -n "${INPUT_SARIF_FILE:-}" ]; then
  args+=(--report "sarif=$INPUT_SARIF_FILE")
fi
if [ "${INPUT_ONLINE:-false}" = "true" ]; then
  args+=(--online)
fi

if [ "${INPUT_FIX:-false}" = "true" ]; then
  # Show what the fixes change, then apply them and report what is left. The diff
  # repeats README lines; under GITHUB_ACTIONS readme-lint prints it between
  # `::stop-commands::` and its token, so no line of it runs as a workflow command.
  "$bin" --diff "${common[@]}" -- "${paths[@]}" || true
  args+=(--fix)
fi

"$bin" "${args[@]}" "${common[@]}" -- "${paths[@]}"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
exit "$code"
