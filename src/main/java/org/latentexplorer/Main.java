package org.latentexplorer;

import org.latentexplorer.cli.Cli;
import org.latentexplorer.model.NativeRuntime;

/**
 * Entry point of the jar. Deliberately not a JavaFX Application subclass: a plain main class lets
 * `java -jar` start JavaFX from the classpath. No argument opens the window; a command runs headless.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NativeRuntime.configure();
        if (args.length == 0) {
            org.latentexplorer.ui.LatentExplorerApp.start(args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
