#!/usr/bin/env bash
# Gradescope autograder set-up for XFER: runs once when the autograder image is
# built (Gradescope's Ubuntu base image). It installs what the suite and typical
# student servers need: Java 17 for the suite, Python 3 for Python submissions.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jre-headless python3
java -version
