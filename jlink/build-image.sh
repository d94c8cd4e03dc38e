#!/usr/bin/env bash
# Builds a trimmed Java runtime with Faultscope in target/image: bin/faultscope runs the command line and
# bin/faultscope-app the desktop app, without any JDK installed. The modules are the ones jdeps finds in the jar and its libraries.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. .mvn/find-jdk.sh
./mvnw -q -B -DskipTests package
jdk="$JAVA_HOME/bin"
# jdeps prints warnings on stdout too; the module list is its last line.
modules=$("$jdk/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps \
  --class-path 'target/lib/*' target/faultscope.jar | tail -n 1)
image=target/image
rm -rf "$image"
"$jdk/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress zip-6 --output "$image"
mkdir -p "$image/app"
cp target/faultscope.jar "$image/app/"
cp -r target/lib "$image/app/"
cat > "$image/bin/faultscope" <<'LAUNCHER'
#!/bin/sh
here="$(cd "$(dirname "$0")/.." && pwd)"
exec "$here/bin/java" ${FAULTSCOPE_JAVA_OPTS:-} -jar "$here/app/faultscope.jar" "$@"
LAUNCHER
cat > "$image/bin/faultscope-app" <<'LAUNCHER'
#!/bin/sh
# The desktop app runs from the classpath (JavaFX's jars are in app/lib), started through its Launcher.
here="$(cd "$(dirname "$0")/.." && pwd)"
exec "$here/bin/java" ${FAULTSCOPE_JAVA_OPTS:-} -cp "$here/app/faultscope.jar:$here/app/lib/*" dev.faultscope.ui.Launcher "$@"
LAUNCHER
chmod +x "$image/bin/faultscope" "$image/bin/faultscope-app"
echo "runtime image: $image (modules: $modules); run $image/bin/faultscope --help"
