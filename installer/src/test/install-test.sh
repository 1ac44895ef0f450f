#!/usr/bin/env bash
# The packages as people and operators get them: builds the .deb files (mvn -Pinstaller package), installs them with
# dpkg -i, starts the server package's unit (under systemd where it runs, else its ExecStart line as the service
# user), launches the installed app as its desktop entry does, with a join link, under a virtual X display to its
# first window (timed, screenshot), hosts on this network from the installed app, has two installed bots hear each
# other through the installed server, then removes and purges both packages and checks nothing is left but the
# user's data. All network traffic stays in a private network namespace with its own PulseAudio, as in the audio
# end-to-end tests. Needs root; prints "skipped" without it (fails where the environment is required).
#
# usage: installer/src/test/install-test.sh [--no-build]      (results in installer/target/install-test)
set -euo pipefail
cd "$(dirname "$0")/../.."
installer=$PWD
out=$installer/target/install-test
host=10.213.0.1
port=8080
server_url=http://$host:$port
runs=${INSTALL_TEST_RUNS:-5}
# the jar's figures, taken beside the packages' on the same machine at the same time, for comparison
jar_runs=${INSTALL_TEST_JAR_RUNS:-3}

# A missing tool skips the test, or fails it where the environment is required (as in the Java tests:
# VOICEROOMS_REQUIRE_ENVIRONMENT=true, which .ci/run sets, or CI=true).
lacking() {
    if [ "${VOICEROOMS_REQUIRE_ENVIRONMENT:-}" = true ] || [ "${CI:-}" = true ]; then
        echo "[install-test] FAILED: needs $1 (the environment is required)" >&2
        exit 1
    fi
    echo "[install-test] skipped: needs $1"
    exit 0
}
for tool in dpkg unshare nsenter ip pulseaudio pactl Xvfb xwininfo xwd setpriv; do
    command -v "$tool" >/dev/null 2>&1 || lacking "$tool"
done
[ "$(id -u)" = 0 ] || lacking "root (dpkg -i, a private network namespace)"

fail() {
    echo "[install-test] FAILED: $*" >&2
    exit 1
}
note() {
    echo "[install-test] $*"
    echo "$*" >>"$out/figures.txt"
}
ms_since() { # start-ns → milliseconds since
    echo $((($(date +%s%N) - $1) / 1000000))
}
median() {
    sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'
}

purge_all() {
    dpkg -P voicerooms voicerooms-server >/dev/null 2>&1 || true
}

if [ "${1:-}" != --no-build ]; then
    # jpackage's intermediate .deb is rewritten by the build, so it need not be compressed.
    export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-none}
    (cd .. && mvn -B -q -Pinstaller package -DskipTests ${MVN_ARGS:-})
fi
app_deb=$(ls "$installer"/target/packages/voicerooms_*.deb)
server_deb=$(ls "$installer"/target/packages/voicerooms-server_*.deb)
rm -rf "$out"
mkdir -p "$out"
: >"$out/figures.txt"
purge_all

note "package sizes: $(basename "$app_deb") $(($(stat -c %s "$app_deb") / 1024 / 1024)) MiB," \
    "$(basename "$server_deb") $(($(stat -c %s "$server_deb") / 1024 / 1024)) MiB;" \
    "installed $(dpkg-deb -f "$app_deb" Installed-Size) KiB and $(dpkg-deb -f "$server_deb" Installed-Size) KiB"
note "app-image: $(du -sh "$installer/target/app-image/voicerooms" | cut -f1)"

# ---- install ---------------------------------------------------------------------------------------------------
t=$(date +%s%N)
dpkg -i "$app_deb" "$server_deb" >"$out/dpkg-install.log" 2>&1 || {
    cat "$out/dpkg-install.log"
    fail "dpkg -i"
}
note "dpkg -i of both (with the class-data archives made by postinst): $(ms_since "$t") ms"
dpkg -L voicerooms >"$out/voicerooms.files"
dpkg -L voicerooms-server >"$out/voicerooms-server.files"

depends=$(dpkg-query -W -f '${Depends}' voicerooms)
for dep in libpulse0 libgtk-3-0; do
    [[ $depends == *"$dep"* ]] || fail "the app's package does not depend on $dep: $depends"
done
desktop=/usr/share/applications/voicerooms.desktop
[ -f "$desktop" ] || fail "no desktop entry"
grep -qx 'Categories=AudioVideo;Network;' "$desktop" || fail "desktop entry categories"
grep -qx 'MimeType=x-scheme-handler/voicerooms;' "$desktop" || fail "no voicerooms:// handler in the desktop entry"
grep -qx 'Terminal=false' "$desktop" || fail "the desktop entry would open a terminal"
grep -qx 'Icon=voicerooms' "$desktop" || fail "desktop entry icon"
[ -f /usr/share/icons/hicolor/256x256/apps/voicerooms.png ] || fail "no icon"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    grep -q 'x-scheme-handler/voicerooms=voicerooms.desktop' /usr/share/applications/mimeinfo.cache \
        || fail "the voicerooms:// handler is not in the desktop database"
fi
grep -q 'PULSE_LATENCY_MSEC="${PULSE_LATENCY_MSEC:-20}"' /usr/bin/voicerooms || fail "the launcher sets no buffer size"
[ -f /opt/voicerooms/lib/voicerooms.jsa ] || fail "postinst made no class-data archive for the app"
[ -f /opt/voicerooms-server/lib/voicerooms-server.jsa ] || fail "postinst made no class-data archive for the server"
getent passwd voicerooms >/dev/null || fail "no service user"
[ "$(stat -c %U /var/lib/voicerooms)" = voicerooms ] || fail "/var/lib/voicerooms is not the service user's"
[ -f /etc/voicerooms/server.properties ] || fail "no /etc/voicerooms/server.properties"
unit=/lib/systemd/system/voicerooms-server.service
grep -qx 'User=voicerooms' "$unit" || fail "the unit does not run as the service user"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")

# ---- the server under systemd, where systemd runs ----------------------------------------------------------------
if [ -d /run/systemd/system ]; then
    for _ in $(seq 1 100); do
        bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null && break
        sleep 0.2
    done
    systemctl is-active --quiet voicerooms-server || fail "the unit is not active after install"
    journalctl -u voicerooms-server --no-pager | grep -q "listening on" || fail "the server's log is not in the journal"
    systemctl stop voicerooms-server
    note "systemd: voicerooms-server.service started at install and logged to the journal"
else
    note "systemd is not running here: the unit's ExecStart runs as the service user instead"
fi

# ---- a private network with its own PulseAudio --------------------------------------------------------------------
pids=()
current_app=
cleanup() {
    if [ -n "$current_app" ]; then
        kill "$current_app" 2>/dev/null || true
        wait "$current_app" 2>/dev/null || true
    fi
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2>/dev/null || true
    done
}
trap cleanup EXIT
unshare -n sleep 3600 &
holder=$!
pids+=("$holder")
sleep 0.2
inside() {
    nsenter --net="/proc/$holder/ns/net" "$@"
}
inside sh -c "ip link set lo up && ip link add va type veth peer name vb && ip addr add $host/24 dev va \
    && ip link set va up && ip link set vb up"
mkdir -p "$out/pulse"
XDG_RUNTIME_DIR=$out/pulse pulseaudio --daemonize=no --exit-idle-time=-1 -n --load=module-native-protocol-unix \
    --disallow-exit --log-target=stderr >"$out/pulseaudio.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 50); do
    [ -S "$out/pulse/pulse/native" ] && break
    sleep 0.1
done
export XDG_RUNTIME_DIR=$out/pulse PULSE_SERVER=unix:$out/pulse/pulse/native
for who in Ann:440 Bob:660 Host:880; do
    pactl load-module module-null-sink "sink_name=spk${who%%:*}" >/dev/null
    pactl load-module module-sine-source "source_name=mic${who%%:*}" "frequency=${who##*:}" >/dev/null
done

health() { # one /api/health request from inside the namespace; succeeds on 200
    inside bash -c "exec 3<>/dev/tcp/$host/$port && printf 'GET /api/health HTTP/1.0\r\n\r\n' >&3 \
        && head -1 <&3 | grep -q ' 200 '" 2>/dev/null
}
cpu_ms() { # pid → CPU time (user + system) it has used, in ms
    local stat
    read -r -a stat <"/proc/$1/stat"
    echo $(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK)))
}
summary() { # label wall-times cpu-times
    note "$1 (ms): $2; median $(tr ' ' '\n' <<<"$2" | median) (CPU ms used by then: $3)"
}
await_ready() { # pid start-ns label check... → polls the check until it succeeds; fails if pid exits or after 60 s
    local pid=$1 t=$2 label=$3
    shift 3
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || fail "$label exited: $(cat "$out/$label.log")"
        [ "$(ms_since "$t")" -lt 60000 ] || fail "$label: $* not true after 60 s"
        sleep 0.01
    done
}
window_shown() {
    xwininfo -name "Voice Rooms" 2>/dev/null | grep -q IsViewable
}
time_server() { # label runs keep(0/1) command... → launch to /api/health, inside the namespace
    local label=$1 n=$2 keep=$3 times=() cpu=() t i
    shift 3
    for i in $(seq 1 "$n"); do
        t=$(date +%s%N)
        (cd /var/lib/voicerooms && exec nsenter --net="/proc/$holder/ns/net" "$@") >"$out/$label-$i.log" 2>&1 &
        server=$!
        await_ready "$server" "$t" "$label-$i" health
        times+=("$(ms_since "$t")")
        cpu+=("$(cpu_ms "$server")")
        if [ "$i" -lt "$n" ] || [ "$keep" = 0 ]; then
            kill "$server"
            wait "$server" || true
        fi
    done
    summary "$label, start to /api/health" "${times[*]}" "${cpu[*]}"
}

# ---- installed server: start to /api/health (and the jar, for comparison on this machine now) --------------------
jar=$installer/../embedded-server/target/embedded-server.jar
if [ -f "$jar" ]; then
    time_server jar-server "$jar_runs" 0 java -jar "$jar" --data-dir "$out/jar-server-data" --port "$port"
fi
# shellcheck disable=SC2086 # the unit's ExecStart line, split as systemd does for this simple line
time_server installed-server "$runs" 1 setpriv --reuid=voicerooms --regid=voicerooms --init-groups -- $exec_start
pids+=("$server")
grep -q "listening on" "$out/installed-server-1.log" || fail "the server logs nothing to stderr (the journal)"
[ "$(stat -c %U /var/lib/voicerooms/voicerooms.mv.db)" = voicerooms ] || fail "the database is not in /var/lib"

# ---- installed app: first window, as the desktop entry starts it, with a join link --------------------------------
display=91
while [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
nsenter --net="/proc/$holder/ns/net" Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 50); do
    [ -S "/tmp/.X11-unix/X$display" ] && break
    sleep 0.1
done
export DISPLAY=:$display
app_data=$out/user-data
link="voicerooms://join/$host:$port/some-room"
time_window() { # label runs command... → launch to a viewable "Voice Rooms" window
    local label=$1 n=$2 times=() cpu=() t i app
    shift 2
    for i in $(seq 1 "$n"); do
        t=$(date +%s%N)
        # no terminal: no stdin, a session of its own, as a desktop launches it; the app keeps its own log
        setsid nsenter --net="/proc/$holder/ns/net" "$@" </dev/null >"$out/$label-$i.log" 2>&1 &
        app=$!
        current_app=$app
        await_ready "$app" "$t" "$label-$i" window_shown
        times+=("$(ms_since "$t")")
        cpu+=("$(cpu_ms "$app")")
        if [ "$i" = 1 ] && [ "$label" = installed-app ]; then
            tr '\0' '\n' <"/proc/$app/environ" | grep -qx PULSE_LATENCY_MSEC=20 \
                || fail "the installed app runs without PULSE_LATENCY_MSEC=20"
            sleep 2
            xwd -root -silent >"$out/first-window.xwd"
            java "$installer/src/test/XwdToPng.java" "$out/first-window.xwd" "$out/first-window.png"
            rm "$out/first-window.xwd"
        fi
        kill "$app"
        wait "$app" 2>/dev/null || true
        current_app=
        until ! xwininfo -name "Voice Rooms" >/dev/null 2>&1; do
            sleep 0.05
        done
    done
    summary "$label, launch to first window" "${times[*]}" "${cpu[*]}"
}
jar=$installer/../client-app/target/client-app.jar
if [ -f "$jar" ]; then
    PULSE_LATENCY_MSEC=20 time_window jar-app "$jar_runs" java -jar "$jar" --data-dir "$out/jar-app-data" "$link"
fi
# as the desktop entry starts it, with a join link for %u
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/voicerooms.desktop)
read -r -a launch <<<"${exec_line/\%u/--data-dir $app_data $link}"
unset PULSE_LATENCY_MSEC
time_window installed-app "$runs" "${launch[@]}"
note "screenshot of the installed app's first window: $out/first-window.png"
log=$app_data/logs/voicerooms.log
[ -f "$log" ] || fail "the app wrote no log in its data directory"
grep -q "Voice Rooms started" "$log" || fail "the app's log does not say it started: $(cat "$log")"

# ---- "Host on this network" from the installed app ---------------------------------------------------------------
nsenter --net="/proc/$holder/ns/net" /usr/bin/voicerooms --quick-start --bind "$host" --data-dir "$app_data" \
    --screenshot "$out/hosted-discover.png" </dev/null >"$out/quick-start.log" 2>&1 \
    || fail "hosting from the installed app: $(cat "$out/quick-start.log")"
grep -q "Hosting" "$app_data/logs/voicerooms.log" || fail "the installed app did not host: $(cat "$log")"
[ -s "$out/hosted-discover.png" ] || fail "no screenshot of the hosted discover screen"
note "Host on this network from the installed app: discover screen in $out/hosted-discover.png"
unset DISPLAY

# ---- two installed bots hear each other through the installed server ---------------------------------------------
bot() { # name → starts /usr/bin/voicerooms --bot, commands from $out/<name>.in, JSON lines in $out/<name>.jsonl
    local name=$1
    shift
    mkfifo "$out/$name.in"
    PULSE_SOURCE=mic$name PULSE_SINK=spk$name nsenter --net="/proc/$holder/ns/net" /usr/bin/voicerooms --bot \
        --server "$server_url" --name "$name" --tones 440,660,880 --report-ms 300 "$@" \
        <"$out/$name.in" >"$out/$name.jsonl" 2>"$out/$name.log" &
    pids+=("$!")
    exec {fd}>"$out/$name.in"
    eval "${name}_in=$fd"
}
await() { # file pattern seconds what
    local end=$(($(date +%s) + $3))
    until grep -qE "$2" "$1"; do
        [ "$(date +%s)" -lt "$end" ] || fail "$4 within $3 s; $(basename "$1"): $(tail -5 "$1")"
        sleep 0.2
    done
}
field() { # file event field → the field of the event's first line
    grep -m1 "\"event\":\"$2\"" "$1" | sed -n "s/.*\"$3\":\"\\([^\"]*\\)\".*/\\1/p"
}
hears() { # listener speaker-id tone
    await "$out/$1.jsonl" "\"event\":\"hear\",\"peer\":\"$2\",\"tone\":$3," 45 "$1 hears $3 Hz"
}
bot Ann --create "Installed"
await "$out/Ann.jsonl" '"event":"ready"' 60 "Ann ready"
room=$(field "$out/Ann.jsonl" ready roomId)
ann=$(field "$out/Ann.jsonl" ready userId)
bot Bob --room "$room"
await "$out/Bob.jsonl" '"event":"ready"' 60 "Bob ready"
bob=$(field "$out/Bob.jsonl" ready userId)
hears Bob "$ann" 440
echo raise-hand >&"$Bob_in"
await "$out/Ann.jsonl" '"event":"hand-raised"' 20 "Bob's hand"
echo "promote $bob" >&"$Ann_in"
await "$out/Bob.jsonl" "\"event\":\"role\".*\"userId\":\"$bob\"" 20 "Bob on stage"
echo unmute >&"$Bob_in"
hears Ann "$bob" 660
note "two installed bots through the installed server: Bob hears Ann's 440 Hz, Ann hears Bob's 660 Hz"
echo quit >&"$Ann_in"
echo quit >&"$Bob_in"
cleanup
trap - EXIT

# ---- removal: nothing left but the user's data -------------------------------------------------------------------
dpkg -r voicerooms voicerooms-server >"$out/dpkg-remove.log" 2>&1 || fail "dpkg -r: $(cat "$out/dpkg-remove.log")"
left=$(cat "$out/voicerooms.files" "$out/voicerooms-server.files" | grep -v '^/\.$' | while read -r f; do
    if [ ! -d "$f" ] && { [ -e "$f" ] || [ -L "$f" ]; }; then echo "$f"; fi
done | grep -vx /etc/voicerooms/server.properties || true)
[ -z "$left" ] || fail "files left after dpkg -r: $left"
[ ! -e /opt/voicerooms ] || fail "/opt/voicerooms is left: $(find /opt/voicerooms | head)"
[ ! -e /opt/voicerooms-server ] || fail "/opt/voicerooms-server is left: $(find /opt/voicerooms-server | head)"
[ -f /etc/voicerooms/server.properties ] || fail "dpkg -r removed the server's settings (only purge should)"
getent passwd voicerooms >/dev/null || fail "dpkg -r removed the service user (only purge should)"
! grep -q 'x-scheme-handler/voicerooms' /usr/share/applications/mimeinfo.cache 2>/dev/null \
    || fail "the voicerooms:// handler is still registered"
dpkg -P voicerooms voicerooms-server >"$out/dpkg-purge.log" 2>&1 || fail "dpkg -P: $(cat "$out/dpkg-purge.log")"
! getent passwd voicerooms >/dev/null || fail "the service user is left after purge"
! getent group voicerooms >/dev/null || fail "the service group is left after purge"
[ ! -e /etc/voicerooms ] || fail "/etc/voicerooms is left after purge"
[ ! -e /var/lib/voicerooms ] || fail "/var/lib/voicerooms is left after purge"
[ ! -e "$unit" ] || fail "the unit is left"
if dpkg-query -W voicerooms voicerooms-server >/dev/null 2>&1; then
    fail "dpkg still knows the packages"
fi
[ -f "$log" ] || fail "removal took the user's data"
note "removed and purged: no package file, unit, service user, /etc/voicerooms or /var/lib/voicerooms left;" \
    "the user's data stays"
echo "[install-test] passed; figures in $out/figures.txt"
