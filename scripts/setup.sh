#!/usr/bin/env bash
# Installs the system libraries QKDLab links against, only when they are missing:
# OpenBLAS (cblas.h), LAPACKE (lapacke.h) and OpenSSL (libcrypto). Debian/Ubuntu via apt-get;
# on macOS it only checks and tells you what to `brew install`.
set -euo pipefail

missing=()
have() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
have openblas || missing+=(libopenblas-dev)
have lapacke || missing+=(liblapacke-dev)
have openssl || missing+=(libssl-dev)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "scripts/setup.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
else
  echo "scripts/setup.sh: missing ${missing[*]}; install OpenBLAS, LAPACK(E) and OpenSSL" \
    "with your package manager (macOS: brew install openblas lapack openssl pkg-config)" >&2
  exit 1
fi
