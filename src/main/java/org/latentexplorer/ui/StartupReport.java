package org.latentexplorer.ui;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

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

    /**
     * Reports the first grid drawn. Call after the grid view is made: its listener queues the
     * draw, and the report is queued after it.
     */
    static void whenFirstGridDrawn(ExplorerViewModel vm) {
        if (System.getenv(VARIABLE) == null) {
            return;
        }
        vm.grid().renderedProperty().addListener(new ChangeListener<Object>() {
            @Override
            public void changed(ObservableValue<?> o, Object before, Object now) {
                if (now == null) {
                    return;
                }
                o.removeListener(this);
                Platform.runLater(() -> System.err.println("first-grid-drawn epoch_ms=" + System.currentTimeMillis()
                        + " jvm_uptime_ms=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                        + " model=" + (vm.session().modelProperty().get() == null ? "" : vm.session().modelProperty().get().title())));
            }
        });
    }
}
