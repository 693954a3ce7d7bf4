package org.latentexplorer.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Option;

/** A command that prints results: it gets --json and the streams of this invocation. */
abstract class OutputCommand implements Callable<Integer>, Cli.StreamsAware {

    @Option(names = "--json", description = "results as JSON objects, one per line, on stdout")
    boolean json;

    private PrintStream stdout = System.out;
    private PrintStream stderr = System.err;

    @Override
    public final void streams(PrintStream out, PrintStream err) {
        this.stdout = out;
        this.stderr = err;
    }

    @Override
    public final Integer call() throws Exception {
        run(new Output(json, stdout, stderr));
        return 0;
    }

    /** Does the work; throws to fail with the exception's message. */
    abstract void run(Output out) throws Exception;

    PrintStream stderr() {
        return stderr;
    }
}
