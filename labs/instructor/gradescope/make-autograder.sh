#!/usr/bin/env bash
# Builds the autograder zip to upload to Gradescope ("Zip file upload", Ubuntu base image).
#
#   make-autograder.sh [--suite server|client] [--launch 'CMD'] [--options 'OPTIONS']
#                      [--weights weights.properties] [--jar xfer-conformance.jar]
#                      [--out xfer-autograder.zip]
#
# --suite    what the students hand in: a server (default) or a client
# --launch   the command that starts a submission, run in the submission's directory;
#            the suite fills in {port}, {dir} and {idle} for a server, {host}, {port},
#            {file} and {timeout} for a client (default: the Python skeleton's,
#            python3 server.py --port {port} --dir {dir} --idle-timeout {idle}, or
#            python3 client.py {host} {port} {file} --timeout {timeout})
# --options  more suite options for this assignment, e.g. '--level 1' for stage 1
# --weights  your weights file (default: the suite's built-in weights)
# --jar      the suite's jar (default: conformance/target/xfer-conformance.jar in this kit)
# --out      the zip to write (default: xfer-autograder.zip in the current directory)
#
# The suite itself checks the options and the weights file (--dry-run) before the
# zip is written: a typo fails here, not in every student's submission.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kit="$(cd "$here/../../.." && pwd)"
suite=server jar="$kit/conformance/target/xfer-conformance.jar"
launch="" options="" weights="" out="$PWD/xfer-autograder.zip"
while [ $# -gt 0 ]; do
    case "$1" in
        --suite|--launch|--options|--weights|--jar|--out)
            [ $# -ge 2 ] || { echo "make-autograder.sh: $1 needs a value" >&2; exit 2; } ;;
    esac
    case "$1" in
        --suite) suite="$2"; shift 2 ;;
        --launch) launch="$2"; shift 2 ;;
        --options) options="$2"; shift 2 ;;
        --weights) weights="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "make-autograder.sh: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
    esac
done
case "$suite" in
    server|client) ;;
    *) echo "make-autograder.sh: --suite is server or client, not $suite" >&2; exit 2 ;;
esac
[ -f "$jar" ] || { echo "make-autograder.sh: no such file: $jar (build the suite, or give --jar)" >&2; exit 2; }
[ -z "$weights" ] || [ -f "$weights" ] || { echo "make-autograder.sh: no such file: $weights" >&2; exit 2; }

# run_autograder splits options.txt on blanks, without quotes: check the same words.
read -r -a words <<< "$options"
for word in "${words[@]}"; do
    case "$word" in
        --launch*|--connect*|--image*|--dir*|--format*|--report*|--weights*|--dry-run|-h|--help|-V|--version)
            echo "make-autograder.sh: --options may not hold $word: the autograder sets the target and" \
                "its output itself (use --launch and --weights for those)" >&2
            exit 2 ;;
    esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
check=(java -jar "$jar" "$suite" "${words[@]}" --format gradescope --launch x --dry-run)
if [ -n "$weights" ]; then check+=(--weights "$weights"); fi
if ! "${check[@]}" > "$work/selected" 2> "$work/refused"; then
    # The suite's own message, without the usage text that follows it.
    sed '/^Usage:/,$d' "$work/refused" >&2
    echo "make-autograder.sh: the suite refuses --options '$options'${weights:+ with --weights $weights};" \
        "no zip written" >&2
    exit 2
fi

cp "$here/setup.sh" "$here/run_autograder" "$here/as-student" "$work/"
cp "$jar" "$work/xfer-conformance.jar"
printf '%s\n' "$suite" > "$work/suite.txt"
files=(setup.sh run_autograder as-student xfer-conformance.jar suite.txt)
if [ -n "$launch" ]; then printf '%s\n' "$launch" > "$work/launch.txt"; files+=(launch.txt); fi
if [ -n "$options" ]; then printf '%s\n' "$options" > "$work/options.txt"; files+=(options.txt); fi
if [ -n "$weights" ]; then cp "$weights" "$work/weights.properties"; files+=(weights.properties); fi
chmod +x "$work/setup.sh" "$work/run_autograder" "$work/as-student"
rm -f "$out"
(cd "$work" && python3 -m zipfile -c "$out" "${files[@]}")
echo "$suite suite: $(tail -n 1 "$work/selected")"
echo "wrote $out (${files[*]})"
