#!/bin/sh
# Finds a JDK that can build and run Runplane and prints its home directory; mvnw runs this first.
#
# Maven's own JVM must be new enough (the Vaadin Maven plugin is built for Java 21), so a compiler toolchain cannot
# help: the JVM that runs Maven has to be a JDK >= 21 already. Looked at in this order:
#   1. JAVA_HOME, when it is new enough;
#   2. the `java` on PATH, when it is new enough;
#   3. the newest JDK under the usual install locations (override: RUNPLANE_JDK_DIRS, colon-separated).
# Says on stderr which one it picked; where none exists it fails at once with one sentence on what to install.
# Versions come from each JDK's `release` file, so nothing here starts a JVM (a JDK without one is asked with
# `java -version`).
set -eu

MIN=21
dirs="${RUNPLANE_JDK_DIRS-/usr/lib/jvm:/usr/java:/usr/local/java:/opt/java:/opt:${HOME:-/root}/.sdkman/candidates/java:${HOME:-/root}/.jdks:/Library/Java/JavaVirtualMachines}"

# major version of the JDK at $1 ("" when it is not a JDK with java and javac)
major_of() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  v=""
  if [ -f "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
      JAVA_VERSION=*) v=${line#JAVA_VERSION=} && break ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -version 2>&1 | head -n 1) || v=""
    v=${v#*version }
  fi
  v=${v#\"}
  case "$v" in
  1.*) v=${v#1.} ;;
  esac
  v=${v%%[!0-9]*}
  printf %s "$v"
}

describe() {
  if [ -n "$1" ]; then printf 'JDK %s' "$1"; else printf 'not a JDK'; fi
}

picked() {
  printf 'mvnw: using JDK %s at %s (%s)\n' "$2" "$1" "$3" >&2
  printf '%s\n' "$1"
  exit 0
}

not_used=""
if [ -n "${JAVA_HOME-}" ]; then
  m=$(major_of "$JAVA_HOME")
  if [ -n "$m" ] && [ "$m" -ge "$MIN" ]; then
    picked "$JAVA_HOME" "$m" "JAVA_HOME"
  fi
  not_used="JAVA_HOME=$JAVA_HOME is $(describe "$m")"
fi

on_path=$(command -v java 2>/dev/null || true)
if [ -n "$on_path" ]; then
  real=$(readlink -f "$on_path" 2>/dev/null) || real=$on_path
  home=${real%/bin/java}
  m=$(major_of "$home")
  if [ -n "$m" ] && [ "$m" -ge "$MIN" ]; then
    picked "$home" "$m" "java on PATH${not_used:+; $not_used}"
  fi
  not_used="${not_used:+$not_used, }java on PATH is $(describe "$m")"
fi

best="" best_major=0
old_ifs=$IFS
IFS=:
for dir in $dirs; do
  IFS=$old_ifs
  [ -d "$dir" ] || continue
  for home in "$dir"/* "$dir"/*/Contents/Home; do
    [ -d "$home" ] || continue
    m=$(major_of "$home")
    if [ -n "$m" ] && [ "$m" -ge "$MIN" ] && [ "$m" -gt "$best_major" ]; then
      best=$home best_major=$m
    fi
  done
done
IFS=$old_ifs

if [ -n "$best" ]; then
  picked "$best" "$best_major" "the newest JDK found${not_used:+; $not_used}"
fi

printf 'mvnw: Runplane needs a JDK %s or newer and found none (%s; no JDK %s+ under %s): install one (e.g. Temurin 21 or 25) and point JAVA_HOME at it: export JAVA_HOME=/path/to/that/jdk.\n' \
  "$MIN" "${not_used:-JAVA_HOME is not set and there is no java on PATH}" "$MIN" "${dirs:-(no folders: RUNPLANE_JDK_DIRS is empty)}" >&2
exit 1
