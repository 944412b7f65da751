# Sourced by ./mvnw, ./statelab and .ci/run (POSIX sh). StateLab needs JDK 21 or newer; many machines
# still default to 17. Keeps JAVA_HOME when it is new enough, else takes `java` on PATH when that is,
# else the newest JDK >= 21 under /usr/lib/jvm or /opt. Exports JAVA_HOME; says so when none is found.
statelab_java_major() {
  # A JDK's release file names its version; reading it is instant, starting a JVM to ask is not.
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}
statelab_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(statelab_java_major "$JAVA_HOME/bin/java"); [ "${v:-0}" -ge 21 ] && return 0
  fi
  if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then
    v=$(statelab_java_major java)
    if [ "${v:-0}" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")"); export JAVA_HOME; return 0
    fi
  fi
  best=""; best_v=0
  case $- in *f*) noglob=1; set +f ;; *) noglob=0 ;; esac
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$home/bin/javac" ] || continue
    v=$(statelab_java_major "$home/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  [ "$noglob" = 1 ] && set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "StateLab needs JDK 21 or newer and found none: install one, or point JAVA_HOME at it." >&2
  return 1
}
statelab_find_jdk || exit 1
