#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what SSE Scope needs to build and test on Debian 12 (or a later Debian/Ubuntu), and nothing that
# is already there, including the servers of the interoperability tests (Django, FastAPI/uvicorn, nginx). Options: --fuzz also installs clang for the libFuzzer targets; --bench also installs
# Node.js and npm for the comparison benchmarks.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
    qt6-l10n-tools qt6-tools-dev libxkbcommon-dev qt6-qpa-plugins zlib1g-dev openssl
    # real servers for the interoperability tests (ctest label interop)
    python3-django python3-fastapi python3-uvicorn nginx-light
)
for arg in "$@"; do
    case "$arg" in
        --fuzz) packages+=(clang libclang-rt-dev) ;;
        --bench)
            # A machine may already have Node.js from elsewhere; Debian's npm would conflict with it.
            command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm) ;;
        -h|--help)
            sed -n '3,5p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *)
            echo "install-deps: unknown option '$arg' (try --help)" >&2
            exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: everything is installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
