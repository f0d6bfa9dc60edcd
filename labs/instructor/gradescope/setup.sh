#!/usr/bin/env bash
# Gradescope autograder set-up for XFER: runs once when the autograder image is
# built (Gradescope's Ubuntu base image). It installs what the suite and typical
# student submissions need: Java 17 for the suite, Python 3 for Python submissions
# (run_autograder uses it too), and what run_autograder uses to run submissions as
# an unprivileged user and to stop them all afterwards: setpriv (util-linux) and
# ps, pkill (procps). It creates no user: run_autograder needs only a numeric uid.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jre-headless python3 util-linux procps
java -version
