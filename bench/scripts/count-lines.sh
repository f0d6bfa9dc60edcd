#!/bin/sh
# Lines of Java in the reference, outside cli/, without blank lines and comments:
# the length of the text a student reads. Usage: bench/scripts/count-lines.sh [DIR]
dir=${1:-"$(dirname "$0")/../../reference-impl/src/main/java"}
find "$dir" -name '*.java' -not -path '*/cli/*' -exec cat {} + | awk '
    /^[ \t]*$/ { next }
    in_comment { if ($0 ~ /\*\//) in_comment = 0; next }
    /^[ \t]*\/\*/ { if ($0 !~ /\*\//) in_comment = 1; next }
    /^[ \t]*\/\// { next }
    { n++ }
    END { print n }'
