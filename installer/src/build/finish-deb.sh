#!/usr/bin/env bash
# Completes a .deb jpackage made from an app-image: jpackage puts everything under /opt/<name>, so this adds the
# files that live elsewhere (the /usr/bin launcher script, the desktop entry and icon; the systemd unit and
# /etc settings), our maintainer scripts and the dependencies jpackage cannot see (GTK and PulseAudio are loaded
# from inside jars), then rebuilds the package.
# The /usr/bin scripts start the image's runtime with a java @argfile written here from the launcher's .cfg (same
# options, class path and main class): jpackage's native launcher runs `dpkg -S` on itself at every start to find
# its package, which on 2 busy cores doubled the server's start-up.
# usage: finish-deb.sh app|server DEB_DIR LINUX_SRC_DIR
set -euo pipefail
kind=$1
debs=$2
src=$3
case "$kind" in
    app) name=voicerooms ;;
    server) name=voicerooms-server ;;
    *) echo "finish-deb: app or server, not $kind" >&2; exit 2 ;;
esac
deb=$(ls "$debs"/${name}_*.deb)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -R "$deb" "$root"
control=$root/DEBIAN/control
# jpackage ends the control file with a blank line and leaves trailing blanks: one paragraph, no trailing blanks
sed -i -e 's/[[:space:]]*$//' -e '/^$/d' "$control"

opt=/opt/$name
cfg=$root$opt/lib/app/$name.cfg
{
    sed -n 's|^java-options=||p' "$cfg" | sed 's|\$APPDIR|'"$opt"'/lib/app|g'
    echo -cp
    sed -n 's|^app\.classpath=\$APPDIR|'"$opt"'/lib/app|p' "$cfg" | paste -sd: -
    sed -n 's|^app\.mainclass=||p' "$cfg"
} >"$root$opt/lib/$name.args"
install -D -m 755 "$src/$kind/$name" "$root/usr/bin/$name"

if [ "$kind" = app ]; then
    install -D -m 644 "$src/app/voicerooms.desktop" "$root/usr/share/applications/voicerooms.desktop"
    install -D -m 644 "$src/../icons/voicerooms.png" "$root/usr/share/icons/hicolor/256x256/apps/voicerooms.png"
    sed -i 's/^Depends: \(.*\)$/Depends: \1, libpulse0, libgtk-3-0/' "$control"
    grep -q '^Recommends:' "$control" || echo 'Recommends: pulseaudio-utils, libgl1, xdg-utils, libnotify-bin' >>"$control"
else
    install -D -m 644 "$src/server/voicerooms-server.service" "$root/lib/systemd/system/voicerooms-server.service"
    install -D -m 644 "$src/server/server.properties" "$root/etc/voicerooms/server.properties"
    echo /etc/voicerooms/server.properties >"$root/DEBIAN/conffiles"
    sed -i 's/^Depends: \(.*\)$/Depends: \1, passwd/' "$control"
fi
# the server package has nothing to do with the desktop: jpackage's generic section and menu hooks go
sed -i 's/^Section: .*/Section: '"$([ "$kind" = app ] && echo sound || echo net)"'/' "$control"
for script in postinst prerm postrm; do
    install -m 755 "$src/$kind/$script" "$root/DEBIAN/$script"
done
rm -f "$root/DEBIAN/preinst"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i 's/^Installed-Size: .*/Installed-Size: '"$size"'/' "$control"
# zstd: a tenth of xz's time for a fifth more bytes
dpkg-deb --root-owner-group -Zzstd -b "$root" "$deb.new" >/dev/null
mv "$deb.new" "$deb"
echo "finish-deb: $(basename "$deb") $(du -h "$deb" | cut -f1)"
