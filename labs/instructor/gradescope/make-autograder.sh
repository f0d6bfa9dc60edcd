#!/usr/bin/env bash
# Builds the autograder zip to upload to Gradescope ("Zip file upload", Ubuntu base image).
#
#   make-autograder.sh --jar xfer-conformance.jar [--launch 'CMD'] [--options 'OPTIONS']
#                      [--weights weights.properties] [--out xfer-autograder.zip]
#
# --launch   the command that starts a submission's server, run in the submission's
#            directory; the suite fills in {port}, {dir} and {idle}
#            (default: python3 server.py --port {port} --dir {dir} --idle-timeout {idle})
# --options  more suite options for this assignment, e.g. '--level 1' for stage 1
# --weights  your weights file (default: the suite's built-in weights)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="" launch="" options="" weights="" out="$PWD/xfer-autograder.zip"
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift 2 ;;
        --launch) launch="$2"; shift 2 ;;
        --options) options="$2"; shift 2 ;;
        --weights) weights="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "make-autograder.sh: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
    esac
done
[ -n "$jar" ] || { echo "make-autograder.sh: --jar xfer-conformance.jar is required" >&2; exit 2; }
[ -f "$jar" ] || { echo "make-autograder.sh: no such file: $jar" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/setup.sh" "$here/run_autograder" "$here/as-student" "$work/"
cp "$jar" "$work/xfer-conformance.jar"
files=(setup.sh run_autograder as-student xfer-conformance.jar)
if [ -n "$launch" ]; then printf '%s\n' "$launch" > "$work/launch.txt"; files+=(launch.txt); fi
if [ -n "$options" ]; then printf '%s\n' "$options" > "$work/options.txt"; files+=(options.txt); fi
if [ -n "$weights" ]; then cp "$weights" "$work/weights.properties"; files+=(weights.properties); fi
chmod +x "$work/setup.sh" "$work/run_autograder" "$work/as-student"
rm -f "$out"
(cd "$work" && python3 -m zipfile -c "$out" "${files[@]}")
echo "wrote $out (${files[*]})"
