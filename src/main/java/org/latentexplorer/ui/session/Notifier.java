package org.latentexplorer.ui.session;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the window says to the user: a status line, and messages a dialog must show. Every feature
 * gets the same one through its constructor; the window shows both. Lives on the UI thread.
 */
public final class Notifier {
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<UserMessage> message = new SimpleObjectProperty<>(this, "message");

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The latest message for a dialog; the view shows it and sets this back to null. */
    public ObjectProperty<UserMessage> messageProperty() {
        return message;
    }

    public void status(String text) {
        status.set(text);
    }

    public void tell(String title, String text) {
        message.set(new UserMessage(title, text));
    }

    /** Errors from the decode lane: rare (a model that cannot decode); shown once in the status line. */
    public Consumer<Throwable> statusOnError(String what) {
        return failure -> status(what + ": " + explain(failure, null));
    }

    /** One sentence for a failure, naming the file when the cause does not already. */
    public static String explain(Throwable failure, Path file) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        String text = t.getMessage();
        if (text == null || text.isBlank()) {
            text = t.getClass().getSimpleName();
        }
        if (t instanceof OutOfMemoryError) {
            text = "not enough memory (" + text + ")";
        }
        if (file != null && !text.contains(file.toString()) && !text.contains(file.getFileName().toString())) {
            text = file + ": " + text;
        }
        return text;
    }
}
