#!/usr/bin/env bash
# The other platforms' profiles cannot be built here (jpackage makes .msi only on Windows, .dmg only on macOS), but
# each must pick its webrtc-java native build, which must exist on Maven Central, and its package type. For each
# profile this resolves the client's dependencies with it and checks the native jar it got, then asks Maven which
# package type the installer module would build.
# usage: installer/src/test/platform-profiles.sh [extra mvn args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/platform-profiles
mkdir -p "$out"
for entry in windows:windows-x86_64:MSI macos-x86_64:macos-x86_64:DMG macos-aarch64:macos-aarch64:DMG; do
    IFS=: read -r profile classifier type <<<"$entry"
    # compile first so the reactor's own modules resolve from target/classes; resolving reaches Maven Central
    (cd .. && mvn -B -P "$profile" "$@" -pl client-app -am compile dependency:resolve -DincludeArtifactIds=webrtc-java \
        -DoutputAbsoluteArtifactFilename=true) >"$out/$profile.log" 2>&1 || {
        tail -30 "$out/$profile.log"
        echo "[platform-profiles] FAILED: -P $profile does not resolve" >&2
        exit 1
    }
    jar=$(grep "webrtc-java:jar:$classifier:" "$out/$profile.log" \
        | grep -o "/[^ :]*/webrtc-java-[0-9.]*-$classifier\.jar" | head -1 || true)
    if [ -z "$jar" ] || [ ! -s "$jar" ]; then
        echo "[platform-profiles] FAILED: -P $profile resolved no webrtc-java $classifier jar; see" \
            "$out/$profile.log" >&2
        exit 1
    fi
    if grep -q "webrtc-java:jar:linux-x86_64:" "$out/$profile.log"; then
        echo "[platform-profiles] FAILED: -P $profile still brings the Linux native jar" >&2
        exit 1
    fi
    got=$(cd .. && mvn -B -q -P "$profile" "$@" -pl installer help:evaluate -Dexpression=installer.type -DforceStdout \
        -Dstyle.color=never | sed 's/\x1b\[[0-9;]*m//g')
    if [ "$got" != "$type" ]; then
        echo "[platform-profiles] FAILED: -P $profile builds a $got package, not $type" >&2
        exit 1
    fi
    size=$(($(stat -c %s "$jar") / 1024 / 1024))
    echo "[platform-profiles] -P $profile: $(basename "$jar") ($size MiB), package $type"
done
