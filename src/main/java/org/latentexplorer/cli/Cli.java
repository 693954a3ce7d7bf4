package org.latentexplorer.cli;

import java.io.PrintStream;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: train, eval, metrics, grid, export and bench. */
@Command(name = "latent-explorer",
        mixinStandardHelpOptions = true,
        version = "Latent Explorer 0.1.0",
        description = "Train and explore a beta-VAE. Without a command, the window opens.",
        subcommands = {TrainCommand.class, EvalCommand.class, MetricsCommand.class, GridCommand.class, ExportCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli {

    private Cli() {
    }

    /** Runs a command; returns the process exit code (0 only on success). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            CommandLine.ParseResult leaf = parseResult;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            boolean json = leaf.hasMatchedOption("--json");
            new Output(json, out, err).error(describe(ex));
            return 1;
        });
        for (CommandLine sub : cl.getSubcommands().values()) {
            Object cmd = sub.getCommand();
            if (cmd instanceof StreamsAware s) {
                s.streams(out, err);
            }
        }
        return cl.execute(args);
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** Whether a word is the name of one of the commands (or "help"). */
    public static boolean isCommand(String word) {
        return new CommandLine(new Cli()).getSubcommands().containsKey(word);
    }

    /** A message for the user: ours are complete sentences; anything else gets its type. */
    static String describe(Throwable ex) {
        if (ex instanceof org.latentexplorer.data.DataException
                || ex instanceof IllegalArgumentException
                || ex instanceof org.latentexplorer.train.TrainingDivergedException) {
            return ex.getMessage();
        }
        if (ex instanceof java.io.UncheckedIOException u) {
            return u.getMessage();
        }
        if (ex instanceof java.nio.file.NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (ex instanceof java.nio.file.AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (ex instanceof java.io.IOException) {
            return ex.getMessage() == null ? ex.toString() : ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory: " + ex.getMessage();
        }
        return ex.toString();
    }

    /** Commands that print get the streams of this invocation (tests capture them). */
    interface StreamsAware {
        void streams(PrintStream out, PrintStream err);
    }
}
