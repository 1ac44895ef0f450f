#!/usr/bin/env bash
# Training runs for class-data sharing: runs the desktop app (under a virtual X display) and the server once each with
# -XX:DumpLoadedClassList, writing the classes they load at start into jpackage's input folders. Each package's
# postinst turns its list into an archive for the installed jars (an archive records jar paths, so it cannot be
# made here). Without a display or Xvfb the app's list is skipped: the package then works, starting slower.
# usage: class-lists.sh INPUT_DIR WORK_DIR
set -euo pipefail
input=$1
work=$2
rm -rf "$work"
mkdir -p "$work"

# the server: start, answer /api/health and a guest sign-in, stop
port_file=$work/server.log
java -XX:DumpLoadedClassList="$input/server/voicerooms-server.classlist" -cp "$input/server/embedded-server.jar" \
    org.voicerooms.server.Main --host 127.0.0.1 --port 0 --data-dir "$work/server-data" --bcrypt-cost 4 \
    >"$port_file" 2>&1 &
server=$!
port=
for _ in $(seq 1 300); do
    port=$(sed -n 's/.* listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$port_file" | head -1)
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    kill "$server" 2>/dev/null || true
    echo "class-lists: the server did not start:" >&2
    cat "$port_file" >&2
    exit 1
fi
request() { # METHOD PATH [BODY]
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' "$1" "$2" >&3
    printf 'Content-Length: %s\r\nConnection: close\r\n\r\n%s' "${#3}" "$3" >&3
    cat <&3 >/dev/null
    exec 3<&-
}
request GET /api/health ""
request POST /api/auth/guest '{"displayName":"Training"}'
request GET /api/rooms ""
kill "$server"
wait "$server" || true
echo "class-lists: server $(wc -l <"$input/server/voicerooms-server.classlist") classes"

# the app: host on this computer, sign in as a guest, show the discover screen, quit
run=(java -XX:DumpLoadedClassList="$input/app/voicerooms.classlist" -cp "$input/app/client-app.jar"
    org.voicerooms.client.Main --quick-start --no-lan --no-audio --bind 127.0.0.1 --data-dir "$work/app-data"
    --screenshot "$work/app-training.png")
if [ -n "${DISPLAY:-}" ]; then
    timeout 180 "${run[@]}" >"$work/app.log" 2>&1 || true
elif command -v xvfb-run >/dev/null 2>&1; then
    timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}" >"$work/app.log" 2>&1 || true
else
    rm -f "$input/app/voicerooms.classlist"
    echo "class-lists: no display and no xvfb-run: the app's package is built without a class list" >&2
    exit 0
fi
if ! grep -q "Voice Rooms closed" "$work/app.log"; then
    rm -f "$input/app/voicerooms.classlist"
    echo "class-lists: the app's training run failed, no class list (see $work/app.log)" >&2
    exit 0
fi
echo "class-lists: app $(wc -l <"$input/app/voicerooms.classlist") classes"
