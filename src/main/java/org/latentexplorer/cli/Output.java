package org.latentexplorer.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Where a command's results go: one JSON object per line on stdout with --json, readable text
 * otherwise. Errors always go to stderr (and, with --json, also as {"error": ...} on stdout).
 */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    Output(boolean json, PrintStream out, PrintStream err) {
        this.json = json;
        this.out = out;
        this.err = err;
    }

    boolean json() {
        return json;
    }

    /** A result record: printed as JSON, or as the given text. */
    void result(Map<String, Object> fields, String text) {
        if (json) {
            out.println(toJson(fields));
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Progress for a person; silent with --json so stdout stays machine-readable. */
    void progress(String text) {
        if (!json) {
            err.println(text);
            err.flush();
        }
    }

    void error(String message) {
        err.println("error: " + message);
        err.flush();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            out.println(toJson(m));
            out.flush();
        }
    }

    static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rounds for output; keeps NaN/absent values as JSON null. */
    static Object round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return null;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
