# Sourced by ./mvnw and ./faultscope: Faultscope needs a JDK 21 or newer, but machines often
# default to an older one. Keep JAVA_HOME when it is new enough; otherwise pick the newest JDK
# (>= 21) found in the usual install folders, so nobody has to set anything by hand.
# Asking a JDK its version starts a JVM (0.2-0.3 s each), so the choice is cached (see faultscope_jdk_key).
faultscope_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
faultscope_jdk_cache_dir="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/faultscope"
faultscope_mtime() {
  stat -L -c %Y "$1" 2>/dev/null || stat -L -f %m "$1" 2>/dev/null || echo 0
}
# What the choice depends on: JAVA_HOME, the javac on PATH, and the install folders (a folder's
# time stamp changes when a JDK is added to it or removed). The chosen JDK's own java binary is
# checked apart (an upgrade in place replaces it).
faultscope_jdk_key() {
  printf '%s|%s' "${JAVA_HOME-}" "$(command -v javac 2>/dev/null || true)"
  for dir in /usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines; do
    [ -d "$dir" ] && printf '|%s:%s' "$dir" "$(faultscope_mtime "$dir")"
  done
  return 0
}
# One cache file per key, so callers with different JAVA_HOMEs (./faultscope, then the ./mvnw it runs)
# do not overwrite each other's choice.
faultscope_cache_file() {
  faultscope_jdk_cache="$faultscope_jdk_cache_dir/jdk-$(printf '%s' "$1" | cksum | cut -d ' ' -f 1)"
}
# Uses the cached choice when nothing it depends on has changed and the JDK is still there.
faultscope_cached_jdk() {
  faultscope_key=$(faultscope_jdk_key)
  faultscope_cache_file "$faultscope_key"
  [ -r "$faultscope_jdk_cache" ] || return 1
  { IFS= read -r c_key && IFS= read -r c_home && IFS= read -r c_major && IFS= read -r c_mtime; } <"$faultscope_jdk_cache" || return 1
  [ "$c_key" = "$faultscope_key" ] || return 1
  [ -x "$c_home/bin/javac" ] && [ -x "$c_home/bin/java" ] || return 1
  [ "$(faultscope_mtime "$c_home/bin/java")" = "$c_mtime" ] || return 1
  [ "$c_major" -ge 21 ] 2>/dev/null || return 1
  export JAVA_HOME="$c_home"
  faultscope_jdk_major="$c_major"
}
# Writes the choice under the key computed before JAVA_HOME was set.
faultscope_cache_jdk() {
  mkdir -p "$faultscope_jdk_cache_dir" 2>/dev/null &&
    printf '%s\n%s\n%s\n%s\n' "$faultscope_key" "$JAVA_HOME" "$faultscope_jdk_major" "$(faultscope_mtime "$JAVA_HOME/bin/java")" \
      >"$faultscope_jdk_cache.$$" 2>/dev/null &&
    mv -f "$faultscope_jdk_cache.$$" "$faultscope_jdk_cache" 2>/dev/null
  rm -f "$faultscope_jdk_cache.$$" 2>/dev/null
  return 0 # a cache that cannot be written only costs time
}
faultscope_find_jdk() {
  faultscope_cached_jdk && return 0
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(faultscope_java_major "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge 21 ]; then
      faultscope_jdk_major="$v"
      faultscope_cache_jdk
      return 0
    fi
  fi
  best="" best_v=0
  case $- in *f*) set +f; restore_noglob=1 ;; *) restore_noglob=0 ;; esac
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/javac" ] || continue
    v=$(faultscope_java_major "$home/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$home" best_v="$v"; fi
  done
  [ "$restore_noglob" = 1 ] && set -f
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(faultscope_java_major "$home/bin/java")
    [ "${v:-0}" -ge 21 ] && best="$home" best_v="$v"
  fi
  if [ -z "$best" ]; then
    echo "faultscope: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, PATH); install one, e.g. 'apt-get install openjdk-21-jdk'" >&2
    return 1
  fi
  export JAVA_HOME="$best"
  faultscope_jdk_major="$best_v"
  faultscope_cache_jdk
}
# Maven's own libraries use JDK internals that JDK 24+ warns about on every run; allow them quietly.
faultscope_quiet_maven() {
  if [ "${faultscope_jdk_major:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
}
faultscope_find_jdk || exit 1
