package dev.faultscope.ui;

/**
 * Starts the app from a plain classpath (java -cp … dev.faultscope.ui.Launcher): the JDK's launcher refuses
 * a main class extending Application when JavaFX is not on the module path, a class that does not is fine.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        FaultscopeApp.main(args);
    }
}
