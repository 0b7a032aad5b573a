#!/usr/bin/env bash
# The Debian tools PhonePilot's tests use: the real adb server, ffmpeg, Chromium (driven by
# playwright-core), CJK fonts for the simulated phone, espeak-ng + sox to make speech WAVs.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends adb ffmpeg chromium fonts-noto-cjk espeak-ng sox ca-certificates
