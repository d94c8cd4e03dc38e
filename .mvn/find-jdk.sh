# Sourced by ./mvnw and ./faultscope: Faultscope needs a JDK 21 or newer, but machines often
# default to an older one. Keep JAVA_HOME when it is new enough; otherwise pick the newest JDK
# (>= 21) found in the usual install folders, so nobody has to set anything by hand.
faultscope_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
faultscope_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(faultscope_java_major "$JAVA_HOME/bin/java")
    [ "${v:-0}" -ge 21 ] && return 0
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
    [ "${v:-0}" -ge 21 ] && best="$home"
  fi
  if [ -z "$best" ]; then
    echo "faultscope: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, PATH); install one, e.g. 'apt-get install openjdk-21-jdk'" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
# Maven's own libraries use JDK internals that JDK 24+ warns about on every run; allow them quietly.
faultscope_quiet_maven() {
  v=$(faultscope_java_major "$JAVA_HOME/bin/java")
  if [ "${v:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
}
faultscope_find_jdk || exit 1
