package org.latentexplorer.ui.compare;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;

/**
 * Puts the comparison in the window's place while it is on, and the window's own panels back when
 * it ends (Esc, or the view's button). The window's model, its training and its charts stay as
 * they are underneath.
 */
public final class CompareMode {
    private final BorderPane root;
    private final CompareView view;
    private Node centre;
    private Node left;
    private Node right;
    /**
     * Esc anywhere in the window goes back: on the scene, so that it also works before a grid has
     * the focus (the menu that opened the comparison leaves it with no node).
     */
    private final EventHandler<KeyEvent> escape;
    private javafx.scene.Scene keys;

    /** @param beforeEnter runs before the comparison takes the window (e.g. leaves the presentation mode) */
    public CompareMode(CompareViewModel vm, BorderPane root, CompareView view, Runnable beforeEnter) {
        this.root = root;
        this.view = view;
        this.escape = e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.leave();
                e.consume();
            }
        };
        vm.activeProperty().addListener((o, a, on) -> {
            if (on) {
                beforeEnter.run();
                enter();
            } else {
                leave();
            }
        });
    }

    private void enter() {
        if (root.getCenter() == view) {
            return;
        }
        centre = root.getCenter();
        left = root.getLeft();
        right = root.getRight();
        root.setLeft(null);
        root.setRight(null);
        root.setCenter(view);
        keys = root.getScene();
        if (keys != null) {
            keys.addEventHandler(KeyEvent.KEY_PRESSED, escape);
        }
        view.requestFocus();
    }

    private void leave() {
        if (root.getCenter() != view) {
            return;
        }
        if (keys != null) {
            keys.removeEventHandler(KeyEvent.KEY_PRESSED, escape);
            keys = null;
        }
        root.setCenter(centre);
        root.setLeft(left);
        root.setRight(right);
        if (centre != null) {
            centre.requestFocus();
        }
    }
}
