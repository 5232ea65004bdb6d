# Shared set-up for scripts/spsh and scripts/test: installs what is missing, starts and stops SecantusDB.
# Sourced, not run. Everything it installs is named here, so a fresh Debian machine needs nothing else.

SPSH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SPSH_LOCAL="$SPSH_ROOT/.local"
SPSH_VENV="$SPSH_LOCAL/venv"
SECANTUSDB_VERSION="0.7.0b3"
# The OpenAPI validator that scripts/contract_check.py uses to check recorded Atlas API exchanges.
OPENAPI_CORE_VERSION="0.23.1"
PYYAML_VERSION="6.0.3"
APT_PACKAGES=(libedit-dev libcurl4-openssl-dev libmongoc-dev libbson-dev librdkafka-dev pkg-config tzdata python3-venv)

log() { printf 'spsh-setup: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages that are not installed yet (one apt-get run, only when needed).
ensure_apt_packages() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Creates .local/venv with SecantusDB, openapi-core and PyYAML pinned to the versions above.
ensure_venv() {
    local want="$SECANTUSDB_VERSION"
    local versions="SecantusDB==$want openapi-core==$OPENAPI_CORE_VERSION PyYAML==$PYYAML_VERSION"
    if [ -x "$SPSH_VENV/bin/secantusd-py" ] &&
        [ "$("$SPSH_VENV/bin/python" -c 'import importlib.metadata as m; print(" ".join(f"{p}=={m.version(p)}" for p in ("SecantusDB", "openapi-core", "PyYAML")))' 2>/dev/null)" = "$versions" ]; then
        return 0
    fi
    log "setting up the Python venv in .local/venv ($versions)"
    mkdir -p "$SPSH_LOCAL"
    [ -x "$SPSH_VENV/bin/pip" ] || python3 -m venv "$SPSH_VENV" 2>/dev/null || /usr/bin/python3 -m venv "$SPSH_VENV"
    # shellcheck disable=SC2086
    "$SPSH_VENV/bin/pip" install -q --disable-pip-version-check $versions
}

# Host and port of a mongodb:// URI (first host; default port 27017).
uri_host_port() {
    local rest=${1#*://}
    rest=${rest#*@}
    rest=${rest%%/*}
    rest=${rest%%,*}
    rest=${rest%%\?*}
    local host=${rest%:*} port=${rest##*:}
    [ "$host" = "$rest" ] && port=27017
    printf '%s %s\n' "$host" "$port"
}

port_answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

free_port() {
    "$SPSH_VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_secantusdb PORT STORAGE_DIR LOGFILE: starts SecantusDB on 127.0.0.1 in the background, waits until it
# answers (30 s at most), and prints its PID.
start_secantusdb() {
    local port=$1 dir=$2 logfile=$3
    mkdir -p "$dir"
    "$SPSH_VENV/bin/secantusd-py" --host 127.0.0.1 --port "$port" --storage-path "$dir" >"$logfile" 2>&1 &
    local pid=$!
    for _ in $(seq 1 300); do
        if port_answers 127.0.0.1 "$port"; then
            echo "$pid"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    log "SecantusDB did not start on port $port; its log:"
    cat "$logfile" >&2
    kill "$pid" 2>/dev/null
    return 1
}
