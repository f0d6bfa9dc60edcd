#!/usr/bin/env bash
# Builds the autograder zip to upload to Gradescope ("Zip file upload").
# Usage: make-autograder.sh XFER_CONFORMANCE_JAR [LAUNCH_COMMAND] [WEIGHTS_FILE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${1:?usage: make-autograder.sh XFER_CONFORMANCE_JAR [LAUNCH_COMMAND] [WEIGHTS_FILE]}"
launch="${2:-python3 server.py --port {port} --dir {dir} --idle-timeout {idle}}"
weights="${3:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/setup.sh" "$here/run_autograder" "$work/"
cp "$jar" "$work/xfer-conformance.jar"
printf '%s\n' "$launch" > "$work/launch.txt"
if [ -n "$weights" ]; then cp "$weights" "$work/weights.properties"; fi
chmod +x "$work/setup.sh" "$work/run_autograder"
out="$PWD/xfer-autograder.zip"
rm -f "$out"
(cd "$work" && python3 -m zipfile -c "$out" setup.sh run_autograder xfer-conformance.jar launch.txt \
    $( [ -n "$weights" ] && echo weights.properties ))
echo "wrote $out: upload it as the assignment's autograder (Ubuntu base image)"
