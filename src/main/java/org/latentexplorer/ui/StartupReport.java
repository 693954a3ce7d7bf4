package org.latentexplorer.ui;

import javafx.application.Platform;

import org.latentexplorer.ui.grid.GridView;

/**
 * When the environment variable {@value #VARIABLE} is set, prints one line to stderr once the
 * first decoded grid has been drawn: the wall-clock time in milliseconds, the JVM's uptime and the
 * model shown, e.g. {@code first-grid-drawn epoch_ms=1796092606513 jvm_uptime_ms=1834
 * model=mnist-vae.lvae}. The window shows the grid at the next frame, within 17 ms. This is how
 * dist/install-check.sh measures the cold start of an installed copy from outside; without the
 * variable nothing is printed.
 */
final class StartupReport {
    static final String VARIABLE = "LATENT_EXPLORER_REPORT_START";

    private StartupReport() {
    }

    /** Reports the first decoded grid the grid view draws on screen (it draws nothing before it is laid out). */
    static void whenFirstGridDrawn(GridView grid, ExplorerViewModel vm) {
        if (System.getenv(VARIABLE) == null) {
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();
        grid.addFrameListener(frame -> {
            if (reported.compareAndSet(false, true)) {
                Platform.runLater(() -> System.err.println("first-grid-drawn epoch_ms=" + System.currentTimeMillis()
                        + " jvm_uptime_ms=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                        + " model=" + (vm.session().modelProperty().get() == null ? "" : vm.session().modelProperty().get().title())));
            }
        });
    }
}
