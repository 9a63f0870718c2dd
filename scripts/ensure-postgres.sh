#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers at $RECORDWELL_TEST_POSTGRES for the integration tests
# (default postgres://postgres@127.0.0.1:5432/test, the server this project's machines run with
# trust auth). When nothing usable answers there, as on a fresh Debian machine, it starts a
# throwaway server from Debian's postgresql package (installed if missing) in a temporary folder
# on a free port, points RECORDWELL_TEST_POSTGRES at it, and stops and deletes it on exit.
#
# Three ways to use it:
#   source scripts/ensure-postgres.sh     from a bash script (scripts/test.sh does this): exports
#                                         RECORDWELL_TEST_POSTGRES; a throwaway server is stopped
#                                         when that script exits
#   scripts/ensure-postgres.sh CMD ARG..  runs CMD with RECORDWELL_TEST_POSTGRES set, then stops
#                                         a throwaway server; exits with CMD's status
#   scripts/ensure-postgres.sh            prints RECORDWELL_TEST_POSTGRES=URL; a throwaway server
#                                         runs until Ctrl-C
#
# The functions below check every step themselves rather than rely on `set -e`, because when the
# file is sourced they run inside the caller's shell, whose options are the caller's business.

_RWPG_DEFAULT_URL='postgres://postgres@127.0.0.1:5432/test'
_RWPG_DIR=''     # temporary folder of a throwaway server (empty: none started)
_RWPG_BIN=''     # folder with initdb and pg_ctl
_RWPG_AS=()      # prefix that runs the server's tools as the postgres user when we are root

_rwpg_say() { echo "ensure-postgres: $*" >&2; }

# apt-get install, quietly; updates the package lists first only when the install fails, since a
# fresh machine has empty lists and a kept one usually has current ones.
_rwpg_apt_install() {
    local log sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            _rwpg_say "need root to install $*: apt-get install -y --no-install-recommends $*"
            return 1
        fi
    fi
    _rwpg_say "installing Debian's $*"
    log=$(mktemp) || return 1
    if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
        if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq >"$log" 2>&1 \
            || ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
            cat "$log" >&2
            rm -f "$log"
            _rwpg_say "could not install $* (apt output above)"
            return 1
        fi
    fi
    rm -f "$log"
}

# Debian keeps the server's tools in /usr/lib/postgresql/VERSION/bin, off the PATH.
_rwpg_find_bin() {
    local dir
    dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]]; then
        _RWPG_BIN=$dir
    elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        _RWPG_BIN=$(dirname "$(command -v initdb)")
    else
        return 1
    fi
}

# Does a server answer at $1 and accept the query? Prints psql's error when it does not.
_rwpg_usable() {
    # shellcheck disable=SC2069 # on purpose: the error goes to the caller, the result nowhere
    psql -X -q -At -d "$1" -c 'select 1' 2>&1 >/dev/null
}

# Splits a postgres:// URL into _RWPG_USER and _RWPG_DB (defaults postgres and test), which the
# throwaway server keeps so that the tests connect as they would to the usual one, and
# _RWPG_ADMIN_URL, the same server's maintenance database (to create the tests' one).
_rwpg_parse_url() {
    _RWPG_USER=postgres
    _RWPG_DB='test'
    _RWPG_ADMIN_URL=''
    local re='^(postgres(ql)?://(([^:@/]+)(:[^@/]*)?@)?[^/?]*)(/([^?]*))?(\?.*)?$'
    if [[ $1 =~ $re ]]; then
        [[ -n ${BASH_REMATCH[4]} ]] && _RWPG_USER=${BASH_REMATCH[4]}
        [[ -n ${BASH_REMATCH[7]} ]] && _RWPG_DB=${BASH_REMATCH[7]}
        _RWPG_ADMIN_URL="${BASH_REMATCH[1]}/postgres${BASH_REMATCH[8]}"
    else
        _rwpg_say "could not read '$1' as a postgres:// URL; a throwaway server uses user $_RWPG_USER, database $_RWPG_DB"
    fi
    return 0
}

# A TCP port on 127.0.0.1 that nothing answers on now. (pg_ctl start is retried on another port
# if one is taken in between.)
_rwpg_free_port() {
    local port i
    for ((i = 0; i < 50; i++)); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

_rwpg_start_throwaway() {
    local port started=''

    if ! _rwpg_find_bin; then
        _rwpg_apt_install postgresql || return 1
        _rwpg_find_bin || { _rwpg_say "postgresql installed but initdb/pg_ctl not found"; return 1; }
    fi

    # initdb and postgres refuse to run as root: as root, run them as Debian's postgres user.
    _RWPG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/recordwell-pg.XXXXXX") || return 1
    if [[ $(id -u) -eq 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            _rwpg_say "running as root and there is no postgres user to run the server as"
            return 1
        fi
        _RWPG_AS=(runuser -u postgres --)
        chown postgres: "$_RWPG_DIR" || return 1
    fi

    # The subshells cd into the folder so that the postgres user is never left in a folder it
    # cannot read. Trust auth and no fsync: the server is local, throwaway and its data disposable.
    if ! (cd "$_RWPG_DIR" && "${_RWPG_AS[@]}" "$_RWPG_BIN/initdb" -D "$_RWPG_DIR/data" \
        -U "$_RWPG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$_RWPG_DIR/initdb.log" 2>&1); then
        cat "$_RWPG_DIR/initdb.log" >&2
        _rwpg_say "initdb failed"
        return 1
    fi

    for _ in 1 2 3 4 5; do
        port=$(_rwpg_free_port) || break
        if (cd "$_RWPG_DIR" && "${_RWPG_AS[@]}" "$_RWPG_BIN/pg_ctl" -D "$_RWPG_DIR/data" \
            -l "$_RWPG_DIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $_RWPG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1); then
            started=yes
            break
        fi
    done
    if [[ -z $started ]]; then
        tail -n 20 "$_RWPG_DIR/server.log" >&2 2>/dev/null
        _rwpg_say "could not start a throwaway server"
        return 1
    fi

    RECORDWELL_TEST_POSTGRES="postgres://$_RWPG_USER@127.0.0.1:$port/$_RWPG_DB"
    if [[ $_RWPG_DB != postgres ]] \
        && ! psql -X -q -d "postgres://$_RWPG_USER@127.0.0.1:$port/postgres" \
            -c "create database \"$_RWPG_DB\"" >/dev/null; then
        _rwpg_say "could not create database $_RWPG_DB"
        return 1
    fi
    _rwpg_say "started a throwaway server at $RECORDWELL_TEST_POSTGRES (stopped on exit)"
}

# Stops and deletes a throwaway server; does nothing when none was started. Safe to call twice.
_rwpg_stop() {
    [[ -n $_RWPG_DIR ]] || return 0
    if [[ -f $_RWPG_DIR/data/postmaster.pid ]]; then
        (cd "$_RWPG_DIR" && "${_RWPG_AS[@]}" "$_RWPG_BIN/pg_ctl" -D "$_RWPG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1) \
            || (cd "$_RWPG_DIR" && "${_RWPG_AS[@]}" "$_RWPG_BIN/pg_ctl" -D "$_RWPG_DIR/data" -m immediate -w stop >/dev/null 2>&1) \
            || _rwpg_say "could not stop the throwaway server in $_RWPG_DIR"
    fi
    rm -rf "$_RWPG_DIR"
    _RWPG_DIR=''
    _rwpg_say "stopped the throwaway server"
}

# Sets RECORDWELL_TEST_POSTGRES to a URL where a usable server answers, starting one if needed.
_rwpg_ensure() {
    local url=${RECORDWELL_TEST_POSTGRES:-$_RWPG_DEFAULT_URL} err i rc

    # pg_isready and psql come with Debian's client package.
    if ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
        _rwpg_apt_install postgresql-client || return 1
    fi
    _rwpg_parse_url "$url"

    # 0: accepting connections; 1: there but starting up, worth a short wait; 2, 3: nothing there.
    for ((i = 0; i < 10; i++)); do
        rc=0
        pg_isready -q -t 3 -d "$url" >/dev/null 2>&1 || rc=$?
        [[ $rc -eq 1 ]] || break
        sleep 1
    done

    if [[ $rc -eq 0 ]]; then
        if err=$(_rwpg_usable "$url"); then
            RECORDWELL_TEST_POSTGRES=$url
            export RECORDWELL_TEST_POSTGRES
            return 0
        fi
        # A server that answers but lacks the database gets it (the tests own that database).
        if [[ $err == *"database \""*"\" does not exist"* && $_RWPG_DB != postgres && -n $_RWPG_ADMIN_URL ]] \
            && psql -X -q -d "$_RWPG_ADMIN_URL" -c "create database \"$_RWPG_DB\"" >/dev/null 2>&1 \
            && _rwpg_usable "$url" >/dev/null; then
            _rwpg_say "created database $_RWPG_DB at $url"
            RECORDWELL_TEST_POSTGRES=$url
            export RECORDWELL_TEST_POSTGRES
            return 0
        fi
        # Something answers but will not let the tests in (a password-protected server, say):
        # rather than fail every test, use a server of our own, and say why.
        _rwpg_say "the server at $url answers but cannot be used: ${err:-unknown error}"
    else
        _rwpg_say "nothing answers at $url"
    fi

    if ! _rwpg_start_throwaway; then
        _rwpg_stop
        return 1
    fi
    export RECORDWELL_TEST_POSTGRES
}

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
    # Sourced: export the URL into the caller and stop a throwaway server when the caller exits,
    # keeping whatever EXIT trap the caller had. Ctrl-C and kill go through exit so that it runs.
    _rwpg_ensure || return 1
    if [[ -n $_RWPG_DIR ]]; then
        _rwpg_prev_exit=$(trap -p EXIT)
        _rwpg_prev_exit=${_rwpg_prev_exit#"trap -- "}
        _rwpg_prev_exit=${_rwpg_prev_exit%" EXIT"}
        eval "_rwpg_prev_exit=${_rwpg_prev_exit:-''}"
        trap '_rwpg_stop; '"$_rwpg_prev_exit" EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        trap 'exit 129' HUP
    fi
    return 0
fi

set -euo pipefail
trap '_rwpg_stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
_rwpg_ensure || exit 1

if [[ $# -gt 0 ]]; then
    set +e
    "$@"
    status=$?
    exit "$status"
fi

echo "RECORDWELL_TEST_POSTGRES=$RECORDWELL_TEST_POSTGRES"
if [[ -n $_RWPG_DIR ]]; then
    _rwpg_say "the throwaway server runs until Ctrl-C"
    while :; do sleep 1; done
fi
