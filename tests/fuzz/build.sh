#!/bin/sh
# Builds the libFuzzer target for the feed parser with clang, compiling the
# sources directly (src/libtidings.a is gcc-built, without coverage
# instrumentation, so it is of no use to libFuzzer).
#
# usage: tests/fuzz/build.sh [srcdir [builddir [output]]]
#   srcdir    the repository root (default: derived from this script)
#   builddir  a configured build directory holding config.h
#             (default: <srcdir>/_build/dev)
#   output    the fuzzer binary (default: <builddir>/tests/fuzz/fuzz-parse)
# environment: CC (default clang), EXTRA_CFLAGS (appended), LOCALEDIR
# (src/i18n.c needs one; the fuzzer never binds a catalog, so any will do).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=${1:-$(cd "$here/../.." && pwd)}
builddir=${2:-$srcdir/_build/dev}
output=${3:-$builddir/tests/fuzz/fuzz-parse}
CC=${CC:-clang}
LOCALEDIR=${LOCALEDIR:-/usr/local/share/locale}

if [ ! -f "$builddir/config.h" ]; then
	echo "build.sh: $builddir/config.h not found: configure that build" \
	    "directory first (or make -C it)" >&2
	exit 1
fi
if [ ! -f "$srcdir/src/parse.h" ]; then
	echo "build.sh: $srcdir does not look like the tidings sources" >&2
	exit 1
fi

# libFuzzer's runtime comes with clang's compiler-rt (Debian:
# libclang-rt-<version>-dev, e.g. libclang-rt-14-dev).
probe=$(mktemp -d "${TMPDIR:-/tmp}/tidings-fuzz-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT
cat >"$probe/p.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{ (void)d; (void)n; return 0; }
EOF
if ! "$CC" -fsanitize=fuzzer,address,undefined -o "$probe/p" "$probe/p.c" \
    >"$probe/log" 2>&1; then
	cat "$probe/log" >&2
	v=$("$CC" -dumpversion 2>/dev/null | cut -d. -f1)
	echo "build.sh: $CC cannot link -fsanitize=fuzzer; on Debian install" \
	    "libclang-rt-${v:-<version>}-dev (clang's compiler-rt," \
	    "which holds libFuzzer)" >&2
	exit 1
fi

sources=
for f in "$srcdir"/src/*.c; do
	case ${f##*/} in
	main.c) ;;
	*) sources="$sources $f" ;;
	esac
done

mkdir -p "$(dirname "$output")"
# shellcheck disable=SC2046,SC2086 # flags and source lists are split
"$CC" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Wall -Wextra -I"$builddir" -I"$srcdir/src" \
    -DLOCALEDIR="\"$LOCALEDIR\"" -DPKGDATADIR="\"$srcdir/data\"" \
    -DSRCDATADIR="\"$srcdir/data\"" $(pkg-config --cflags libxml-2.0) \
    ${EXTRA_CFLAGS:-} \
    -o "$output" "$srcdir/tests/fuzz/fuzz-parse.c" $sources \
    $(pkg-config --libs libxml-2.0 libcurl sqlite3 ncursesw)
echo "build.sh: built $output"
