package org.latentexplorer;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

import org.latentexplorer.cli.Cli;
import org.latentexplorer.model.NativeRuntime;
import org.latentexplorer.runtime.LegacyFiles;
import org.latentexplorer.runtime.UserDirs;

/**
 * Entry point of the jar. Deliberately not a JavaFX Application subclass: a plain main class lets
 * `java -jar` start JavaFX from the classpath. No argument opens the window, and so does a single
 * model file (what a double-click on a .lvae file passes); a command runs headless.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NativeRuntime.configure();
        if (opensWindow(args)) {
            for (String line : LegacyFiles.migrate(UserDirs.current())) {
                System.err.println("note: " + line);
            }
            // Exit explicitly once the window is closed: native libraries may leave threads behind.
            System.exit(org.latentexplorer.ui.LatentExplorerApp.start(args) ? 0 : 1);
        } else {
            System.exit(Cli.run(args));
        }
    }

    /**
     * True for no argument, and for one argument that is a model file: not an option or a command,
     * and either ending in .lvae or an existing file. A mistyped command ("trian") still goes to the
     * command line, which says it is unknown.
     */
    static boolean opensWindow(String[] args) {
        if (args.length == 0) {
            return true;
        }
        if (args.length > 1 || args[0].startsWith("-") || Cli.isCommand(args[0])) {
            return false;
        }
        String arg = args[0];
        if (arg.toLowerCase(Locale.ROOT).endsWith(".lvae")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
