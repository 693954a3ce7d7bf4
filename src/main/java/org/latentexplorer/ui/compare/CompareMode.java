package org.latentexplorer.ui.compare;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

/**
 * Puts the comparison in the window's place while it is on, and the window's own panels back when
 * it ends. The window's model, its training and its charts stay as they are underneath.
 */
public final class CompareMode {
    private final BorderPane root;
    private final CompareView view;
    private Node centre;
    private Node left;
    private Node right;

    /** @param beforeEnter runs before the comparison takes the window (e.g. leaves the presentation mode) */
    public CompareMode(CompareViewModel vm, BorderPane root, CompareView view, Runnable beforeEnter) {
        this.root = root;
        this.view = view;
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
        view.requestFocus();
    }

    private void leave() {
        if (root.getCenter() != view) {
            return;
        }
        root.setCenter(centre);
        root.setLeft(left);
        root.setRight(right);
        if (centre != null) {
            centre.requestFocus();
        }
    }
}
