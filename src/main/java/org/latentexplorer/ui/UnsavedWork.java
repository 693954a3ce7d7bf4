package org.latentexplorer.ui;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The one question before unsaved training is thrown away (leaving, opening another model, the
 * recovered copy, or starting a new training from scratch): Save, Don't Save or Cancel.
 */
final class UnsavedWork {
    private final ExplorerViewModel vm;
    private final Supplier<Window> owner;
    private final Consumer<Runnable> saveThen;

    /**
     * @param saveThen saves (into the model's own file, else where the user says), then runs its
     *                 argument (not at all when the user cancels the file chooser or the save fails)
     */
    UnsavedWork(ExplorerViewModel vm, Supplier<Window> owner, Consumer<Runnable> saveThen) {
        this.vm = vm;
        this.owner = owner;
        this.saveThen = saveThen;
    }

    /**
     * Runs action at once when nothing would be lost; otherwise asks first, saving before it, or
     * discarding the training (and its recovery copy), or doing nothing.
     *
     * @param doing what the action does, for the question: "opening another model"
     */
    void thenRun(String doing, Runnable action) {
        if (!vm.session().isDirty() && !vm.training().isActive()) {
            action.run();
            return;
        }
        ButtonType save = new ButtonType("Save\u2026", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        ask.initOwner(owner.get());
        ask.setTitle("Unsaved model");
        ask.setHeaderText(vm.training().isActive() ? "Training is running and the model is not saved."
                : "The trained model is not saved.");
        ask.setContentText("Save it before " + doing + "? Otherwise its training is lost.");
        ignoreEarlyKeys(ask);
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return;
        }
        if (answer.get() == discard) {
            vm.session().discardRecovery();
            action.run();
            return;
        }
        saveThen.accept(action);
    }

    /**
     * How long the question ignores keys at first: longer than a held key waits before it repeats
     * (660 ms by default under X), so that it is read before it is answered.
     */
    static final long KEY_GRACE_NANOS = 750_000_000L;
    /** A key pressed this soon after its last event is a held key repeating, not a new press. */
    static final long REPEAT_NANOS = 150_000_000L;

    /**
     * Keys pressed in the question's first {@link #KEY_GRACE_NANOS}, and a held key's repeats, do
     * not answer it: an Enter held down or pressed twice, the first press of which chose a model
     * in a list, would otherwise press Save before the question was read. Clicks answer it at once.
     */
    static void ignoreEarlyKeys(Alert question) {
        long[] shownAt = {0};
        boolean[] shown = {false};
        java.util.Map<javafx.scene.input.KeyCode, Long> last = new java.util.EnumMap<>(javafx.scene.input.KeyCode.class);
        question.setOnShown(e -> {
            shownAt[0] = System.nanoTime();
            shown[0] = true;
        });
        question.getDialogPane().addEventFilter(javafx.scene.input.KeyEvent.ANY, e -> {
            if (e.getEventType() == javafx.scene.input.KeyEvent.KEY_TYPED) {
                return;
            }
            long now = System.nanoTime();
            Long before = last.put(e.getCode(), now);
            boolean early = !shown[0] || now - shownAt[0] < KEY_GRACE_NANOS;
            boolean repeat = before != null && now - before < REPEAT_NANOS;
            if (e.getEventType() == javafx.scene.input.KeyEvent.KEY_PRESSED && (early || repeat)) {
                e.consume();
            }
        });
    }
}
