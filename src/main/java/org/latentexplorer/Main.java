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
            // Exit explicitly once the window is closed: native libraries may leave threads behind.
            System.exit(org.latentexplorer.ui.LatentExplorerApp.start(args) ? 0 : 1);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
