#!/usr/bin/env bash
# Step 'validate' of action.yml: annotations (--format github) and, with PD_SARIF=true, a SARIF report named in the
# step output 'sarif-file'. On pull requests only the entries new or changed since the base are reported.
# Inputs: PD_PATHS, PD_CHANGED_SINCE, PD_ARGS, PD_SARIF; GitHub's GITHUB_BASE_REF, RUNNER_TEMP, GITHUB_OUTPUT.
set -uo pipefail
read -r -a paths <<< "${PD_PATHS:-.}"
read -r -a extra <<< "${PD_ARGS:-}"
ref="${PD_CHANGED_SINCE:-}"
if [ -z "$ref" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  ref="origin/$GITHUB_BASE_REF"
fi
since=()
if [ -n "$ref" ]; then since=(--changed-since "$ref"); fi

paperdigest validate --format github "${since[@]}" "${extra[@]}" "${paths[@]}"
status=$?

if [ "${PD_SARIF:-true}" = "true" ]; then
  sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/paperdigest.sarif"
  paperdigest validate --format sarif --output "$sarif" "${since[@]}" "${extra[@]}" "${paths[@]}" 2>/dev/null
  sarif_status=$?
  # 0 and 1 both wrote a report; 2 (usage or I/O) did not.
  if [ "$sarif_status" -le 1 ] && [ -f "$sarif" ]; then
    echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
  fi
fi

exit "$status"
