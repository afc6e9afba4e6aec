#!/usr/bin/env bash
# Packaging test (ctest label `packaging`):
#   check-install.sh BUILD_DIR SOURCE_DIR
# 1. `cmake --install` into a temporary prefix: the binary, the .desktop entry,
#    the AppStream metainfo, the hicolor icons and the man page are there;
#    desktop-file-validate and `appstreamcli validate --no-net` pass; the man
#    page renders without a groff warning and names every kind and option that
#    the binary's --help lists.
# 2. CPack builds the .deb into a temporary folder; its Depends names the
#    plugins Qt loads by name; `dpkg-deb -x` holds the same files, and the
#    binary in it runs --version.
# Everything is written under one mktemp folder, removed on exit; nothing goes
# into the source tree (cmake --install only updates BUILD_DIR/install_manifest.txt).
set -euo pipefail

build=$(realpath "$1")
source=$(realpath "$2")
app_id=io.github.taskdeck.Taskdeck
icon_sizes=(16 22 24 32 48 64 128 256)
plugin_packages=(libqt6svg6 libqt6sql6-sqlite qt6-image-formats-plugins)
linked_packages=(libqt6core6 libqt6gui6 libqt6widgets6 libssl3 libc6)

work=$(mktemp -d "${TMPDIR:-/tmp}/taskdeck-packaging.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
step() { echo "== $*"; }

for tool in desktop-file-validate appstreamcli groff cpack dpkg-deb dpkg-shlibdeps gzip; do
    command -v "$tool" >/dev/null ||
        { echo "FAIL: $tool is not installed (scripts/setup installs it)" >&2; exit 1; }
done

expected_files() {
    echo bin/taskdeck
    echo libexec/taskdeck/taskdeck-window
    echo libexec/taskdeck/taskdeck-supervise
    echo share/applications/$app_id.desktop
    echo share/metainfo/$app_id.metainfo.xml
    echo share/icons/hicolor/scalable/apps/$app_id.svg
    for size in "${icon_sizes[@]}"; do
        echo share/icons/hicolor/${size}x${size}/apps/$app_id.png
    done
    echo share/man/man1/taskdeck.1.gz
}

# The width and height stored in a PNG's IHDR chunk, as "WxH".
png_size() {
    local -a bytes
    read -r -a bytes < <(od -An -tu1 -j16 -N8 "$1")
    echo "$(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]))x$(((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]))"
}

# Checks one installed tree (a prefix, or usr/ of the unpacked .deb).
check_tree() {
    local root=$1 what=$2 file size output
    step "$what: files"
    while read -r file; do
        [[ -f "$root/$file" ]] || fail "$what: $file is missing"
    done < <(expected_files)
    [[ -x "$root/bin/taskdeck" ]] || fail "$what: bin/taskdeck is not executable"
    [[ -x "$root/libexec/taskdeck/taskdeck-window" ]] ||
        fail "$what: libexec/taskdeck/taskdeck-window (the window) is not executable"
    for size in "${icon_sizes[@]}"; do
        file=$root/share/icons/hicolor/${size}x${size}/apps/$app_id.png
        [[ -f "$file" ]] || continue
        [[ $(png_size "$file") == "${size}x${size}" ]] ||
            fail "$what: $file is $(png_size "$file"), not ${size}x${size}"
    done

    step "$what: desktop-file-validate"
    if ! output=$(desktop-file-validate "$root/share/applications/$app_id.desktop" 2>&1); then
        fail "$what: desktop-file-validate failed"
    fi
    [[ -z "$output" ]] && echo "(no messages)" || echo "$output"
    grep -qE '(error|warning):' <<<"$output" && fail "$what: desktop-file-validate reported problems"

    step "$what: appstreamcli validate --no-net"
    appstreamcli validate --no-net "$root/share/metainfo/$app_id.metainfo.xml" ||
        fail "$what: appstreamcli validate failed"

    step "$what: man page renders without warnings"
    output=$(gzip -dc "$root/share/man/man1/taskdeck.1.gz" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1)
    [[ -z "$output" ]] || fail "$what: groff warns about the man page: $output"
    gzip -dc "$root/share/man/man1/taskdeck.1.gz" | LC_ALL=C.UTF-8 groff -man -Tutf8 2>/dev/null |
        grep -q 'taskdeck run hash' || fail "$what: the rendered man page lacks the synopsis"
}

# The one application id: the .desktop file's name (checked by its path),
# its Icon=, the metainfo id and launchable, and main()'s desktopFileName.
check_application_id() {
    local root=$1
    step "application id $app_id"
    grep -qx "Icon=$app_id" "$root/share/applications/$app_id.desktop" ||
        fail ".desktop Icon= is not $app_id"
    grep -q "<id>$app_id</id>" "$root/share/metainfo/$app_id.metainfo.xml" ||
        fail "metainfo id is not $app_id"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
        "$root/share/metainfo/$app_id.metainfo.xml" || fail "metainfo launchable is not $app_id.desktop"
    grep -q "<icon type=\"stock\">$app_id</icon>" "$root/share/metainfo/$app_id.metainfo.xml" ||
        fail "metainfo icon is not $app_id"
    grep -qF "setDesktopFileName(QStringLiteral(\"$app_id\"))" "$source/app/windowmain.cpp" ||
        fail "app/windowmain.cpp does not set the desktop file name $app_id"
}

# The man page, the metainfo's newest release and the binary agree on the
# version, and the man page names every kind, long option and exit code that
# the binary's own help lists.
check_docs_match_binary() {
    local root=$1 version kind option code man man_text
    step "man page and metainfo match the binary's --help and --version"
    version=$("$root/bin/taskdeck" --version | awk '{print $2}')
    man=$(gzip -dc "$root/share/man/man1/taskdeck.1.gz")
    man_text=$(sed 's/\\-/-/g' <<<"$man") # the source with roff's \- as plain hyphens
    grep -q "^\.TH TASKDECK 1 [^ ]* \"Taskdeck $version\"" <<<"$man" ||
        fail "the man page's .TH does not say Taskdeck $version"
    grep -q "<release version=\"$version\"" "$root/share/metainfo/$app_id.metainfo.xml" ||
        fail "the metainfo has no release $version"
    [[ $(grep -o '<release version="[^"]*"' "$root/share/metainfo/$app_id.metainfo.xml" | head -1) == \
        "<release version=\"$version\"" ]] || fail "the metainfo's newest release is not $version"

    local kinds
    kinds=$("$root/bin/taskdeck" --help | sed -nE 's/^ +taskdeck run ([a-z][a-z0-9-]*) .*/\1/p' | sort -u)
    [[ -n "$kinds" ]] || fail "taskdeck --help lists no kinds"
    local section
    for kind in $kinds; do
        # Each kind has its own ".SS taskdeck run KIND" that names its options.
        section=$(sed -n "/^\.SS taskdeck run $kind\$/,/^\.S[SH] /p" <<<"$man_text")
        [[ -n "$section" ]] || { fail "the man page has no section '.SS taskdeck run $kind'"; continue; }
        for option in $("$root/bin/taskdeck" run "$kind" --help |
            sed -nE 's/^ +(-[a-zA-Z], )?--([a-z][a-z0-9-]*).*/\2/p'); do
            # --help is documented once, under OPTIONS; --help-all is Qt's.
            [[ "$option" == help || "$option" == help-all ]] && continue
            grep -qE -- "(^|[^a-z-])--$option([^a-z-]|\$)" <<<"$section" ||
                fail "the man page does not document 'taskdeck run $kind --$option'"
        done
    done
    for code in $("$root/bin/taskdeck" --help | sed -n '/^Exit codes:/,/^$/p' | grep -oE '\b[0-9]+ [a-z]' | cut -d' ' -f1); do
        sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' <<<"$man" | grep -qx "\.B $code" ||
            fail "the man page's EXIT STATUS lacks $code"
    done
}

step "cmake --install $build --prefix <tmp>/prefix"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" || {
    cat "$work/install.log"
    echo "FAIL: cmake --install failed" >&2
    exit 1
}
check_tree "$work/prefix" "install"
check_application_id "$work/prefix"
check_docs_match_binary "$work/prefix"

step "cpack (DEB) into <tmp>/deb"
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    echo "FAIL: cpack failed" >&2
    exit 1
fi
debs=("$work"/deb/taskdeck_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || { echo "FAIL: cpack made no single taskdeck_*.deb" >&2; exit 1; }
deb=${debs[0]}
echo "$(basename "$deb")"

step ".deb control"
dpkg-deb -I "$deb" | sed -n '/^ [A-Z][A-Za-z-]*:/,$p'
depends=$(dpkg-deb -f "$deb" Depends)
for package in "${plugin_packages[@]}" "${linked_packages[@]}"; do
    grep -qE "(^|, )$package( |,|$)" <<<"$depends" || fail ".deb Depends lacks $package: $depends"
done
[[ $(dpkg-deb -f "$deb" Section) == utils ]] || fail ".deb Section is not utils"
[[ -n $(dpkg-deb -f "$deb" Homepage) ]] || fail ".deb has no Homepage"
grep -qF "<url type=\"homepage\">$(dpkg-deb -f "$deb" Homepage)</url>" \
    "$work/prefix/share/metainfo/$app_id.metainfo.xml" || fail "the metainfo homepage is not the .deb's"

step "dpkg-deb -x"
dpkg-deb -x "$deb" "$work/extracted"
check_tree "$work/extracted/usr" ".deb"
diff <(cd "$work/prefix" && find . -type f | sort) <(cd "$work/extracted/usr" && find . -type f | sort) ||
    fail "the .deb and cmake --install hold different files"
[[ -z $(cd "$work/extracted" && find . -mindepth 1 -maxdepth 1 ! -name usr) ]] ||
    fail "the .deb installs outside /usr"

step "the packaged binary runs --version"
version_line=$("$work/extracted/usr/bin/taskdeck" --version) || fail "the packaged binary's --version failed"
echo "$version_line"
[[ "$version_line" == "$("$work/prefix/bin/taskdeck" --version)" ]] ||
    fail "the packaged binary says '$version_line'"

if ((failures)); then
    echo "$failures packaging check(s) failed" >&2
    exit 1
fi
echo "packaging: all checks passed"
