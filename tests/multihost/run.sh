#!/usr/bin/env bash
# run.sh - the map/reduce recipe of the man page run over ssh: GNU parallel
# sends the exports and the cxstat binary to two logins on two OpenSSH
# servers, each runs the map step (-f state), parallel brings the states back,
# and `cxstat merge` must print byte for byte what one run over all the
# exports prints, in every format.
#
# Usage: bash tests/multihost/run.sh CXSTAT
#
# Everything lives in a temporary directory removed on exit: host keys, the
# two users' keys, their home directories, the server configurations.  The
# servers listen on 127.0.0.1 and 127.0.0.2 only, on ports chosen free, and
# are stopped on exit.  Two local users (cxmh1, cxmh2) are made for the run
# and deleted after it.  Without root, sshd, ssh or parallel the test says so
# and is skipped (exit 0 with "SKIPPED" in its last line), never passed.
set -u
CXSTAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")/../.." && pwd)
SAMPLE=$HERE/data/sample_survey.csv
USERS="cxmh1 cxmh2"

skip() {
    echo "multihost: SKIPPED: $*"
    exit 0
}
fail() {
    echo "multihost: FAILED: $*"
    exit 1
}

[ "$(id -u)" = 0 ] || skip "needs root to make the test users and start sshd"
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || skip "no sshd (Debian: openssh-server)"
for t in ssh ssh-keygen parallel rsync useradd userdel; do
    command -v "$t" >/dev/null 2>&1 || skip "no $t"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/cxstat-multihost.XXXXXX")
chmod 755 "$T"
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    for p in $pids; do wait "$p" 2>/dev/null; done
    for u in $USERS; do
        if [ -f "$T/made.$u" ]; then userdel "$u" >/dev/null 2>&1; fi
    done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A port nobody listens on, from a range unlikely to be in use.
free_port() {
    for port in $(seq "$1" "$(($1 + 200))"); do
        if ! (exec 3<>"/dev/tcp/$2/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

mkdir -p /run/sshd "$T/keys" "$T/home"
ssh-keygen -q -t ed25519 -N '' -f "$T/keys/host" || fail "ssh-keygen for the host key"
ssh-keygen -q -t ed25519 -N '' -f "$T/keys/client" || fail "ssh-keygen for the client key"
n=0
logins=""
for u in $USERS; do
    n=$((n + 1))
    addr=127.0.0.$n
    if id "$u" >/dev/null 2>&1; then
        fail "user $u exists already (left by an earlier run?): userdel $u"
    fi
    # "*": no password, but not a locked account, which sshd would refuse
    useradd -M -d "$T/home/$u" -s /bin/sh -p "*" "$u" || fail "useradd $u"
    : > "$T/made.$u"
    mkdir -p "$T/home/$u"
    chown "$u" "$T/home/$u"
    mkdir -p "$T/auth"
    cp "$T/keys/client.pub" "$T/auth/$u"
    port=$(free_port $((22000 + n * 300)) "$addr")
    [ -n "$port" ] || skip "no free port on $addr"
    cat > "$T/sshd_$n.conf" <<EOF
ListenAddress $addr
Port $port
HostKey $T/keys/host
PidFile $T/sshd_$n.pid
AuthorizedKeysFile $T/auth/%u
AllowUsers $u
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin no
EOF
    "$SSHD" -D -e -f "$T/sshd_$n.conf" 2>"$T/sshd_$n.log" &
    pids="$pids $!"
    cat >> "$T/ssh_config" <<EOF
Host host$n
    HostName $addr
    Port $port
    User $u
    IdentityFile $T/keys/client
    IdentitiesOnly yes
    StrictHostKeyChecking no
    UserKnownHostsFile /dev/null
    LogLevel ERROR
    BatchMode yes
    ConnectTimeout 5
EOF
    logins="$logins --sshlogin 1/host$n"
done

# Both servers answer within ten seconds, or the test is skipped with their logs.
ready=0
for try in $(seq 1 50); do
    if ssh -F "$T/ssh_config" host1 true 2>/dev/null && ssh -F "$T/ssh_config" host2 true 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.2
done
[ "$ready" = 1 ] || { cat "$T"/sshd_*.log; skip "sshd did not start or refused the test's key"; }

# The map input: the sample cut into four exports, each with the header line, cut only
# between records (a line end with an even count of quotes before it: comments may hold
# line ends inside quotes).
W=$T/work
mkdir -p "$W/parts"
cd "$W" || fail "cd"
lines=$(wc -l < "$SAMPLE")
awk -v per=$((lines / 4 + 1)) '
    NR == 1 { head = $0; next }
    {
        if (out == "" || (n >= per && even)) { k++; out = sprintf("parts/export_%d.csv", k);
                                               print head > out; n = 0 }
        print > out; n++
        q = gsub(/"/, "\"")
        if (q % 2) even = !even
    }' even=1 "$SAMPLE"
cp "$CXSTAT" ./cxstat

# Map on the two hosts (binary sent once per host, exports sent, states returned, both
# cleaned up there), then reduce here.
# shellcheck disable=SC2086
ls parts/*.csv | parallel --ssh "ssh -F $T/ssh_config" $logins --basefile ./cxstat \
    --transferfile {} --return {.}.state --cleanup --joblog "$T/joblog" \
    './cxstat -q -g store -f state {} > {.}.state' 2>"$T/parallel.log" ||
    { cat "$T/parallel.log"; fail "the map step over ssh"; }
[ "$(ls parts/*.state | wc -l)" = 4 ] || fail "expected 4 states back, got $(ls parts/*.state | wc -l)"
# Each host ran at least one map step, and every step exited 0.
for h in host1 host2; do
    awk -F '\t' -v h="$h" 'NR > 1 && $2 == h { ran = 1 } END { exit !ran }' "$T/joblog" ||
        fail "$h ran no map step (joblog: $(cat "$T/joblog"))"
done
awk -F '\t' 'NR > 1 && $7 != 0 { bad = 1 } END { exit bad }' "$T/joblog" ||
    fail "a map step failed (joblog: $(cat "$T/joblog"))"

for fmt in text csv tsv json; do
    ./cxstat merge -q -f "$fmt" parts/*.state > "reduced.$fmt" || fail "merge -f $fmt"
    ./cxstat -q -g store -f "$fmt" parts/*.csv > "single.$fmt" || fail "single run -f $fmt"
    cmp -s "reduced.$fmt" "single.$fmt" || {
        diff "reduced.$fmt" "single.$fmt" | head -20
        fail "-f $fmt: the merged report differs from one run"
    }
done
echo "multihost: 4 exports mapped on 2 ssh hosts, merged: identical to one run in text, csv, tsv, json"
echo "multihost: 1 passed, 0 failed"
