# shellcheck shell=bash
# Lyss: locate a JDK >= 21.
#
# Usage (from another bash script):
#   . "$(dirname "$0")/lib/jdk.sh"
#   JAVA_HOME="$(lyss_find_jdk)" || exit 1
#
# Order: $JAVA_HOME (if it is a JDK >= 21), then /usr/lib/jvm/* with major >= 21,
# highest major first. Prints the JDK home on stdout; on failure prints an error to
# stderr and returns 1.

LYSS_MIN_JAVA_MAJOR=${LYSS_MIN_JAVA_MAJOR:-21}

# Prints the major version of the JDK at $1 (e.g. 25, 17, 8), or nothing.
lyss_jdk_major() {
  local home=$1 line ver
  [[ -x "$home/bin/java" ]] || return 1
  line=$("$home/bin/java" -version 2>&1 | grep -m1 -E 'version "' || true)
  ver=${line#*version \"}
  ver=${ver%%\"*}
  [[ -n "$ver" && "$ver" != "$line" ]] || return 1
  if [[ "$ver" == 1.* ]]; then
    ver=${ver#1.}            # 1.8.0_412 -> 8.0_412
  fi
  ver=${ver%%[!0-9]*}        # 25.0.3 -> 25, 21-ea -> 21
  [[ -n "$ver" ]] || return 1
  printf '%s\n' "$ver"
}

# Prints the path of a JDK >= 21 (see header).
lyss_find_jdk() {
  local min=${LYSS_MIN_JAVA_MAJOR:-21} major candidate best
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=$(lyss_jdk_major "$JAVA_HOME" || true)
    if [[ -n "$major" && "$major" -ge "$min" ]]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
  fi
  best=$(
    for candidate in /usr/lib/jvm/*; do
      [[ -d "$candidate" ]] || continue
      candidate=$(readlink -f "$candidate")
      major=$(lyss_jdk_major "$candidate" || true)
      if [[ -n "$major" && "$major" -ge "$min" ]]; then
        printf '%s %s\n' "$major" "$candidate"
      fi
    done | sort -k1,1nr -k2,2r -u | head -n1
  )
  if [[ -n "$best" ]]; then
    printf '%s\n' "${best#* }"
    return 0
  fi
  echo "Lyss needs a JDK >= ${min}; install one (e.g. Temurin 25) and set JAVA_HOME" >&2
  return 1
}
