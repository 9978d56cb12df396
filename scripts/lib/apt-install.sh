# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the scripts that install Debian packages they need.
#   aptInstall WHO PACKAGE...   installs the packages with apt, through sudo when not root; WHO names the
#                               calling script in its messages. Exits 1 when it cannot become root.

aptInstall() {
    local who=$1
    shift
    [ $# -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || {
            echo "$who: run as root or install sudo; missing: $*" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    echo "$who: installing $*"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@"
}
