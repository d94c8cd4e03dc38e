package dev.faultscope.ui.workbench;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one thread that touches a workbench's VM (its trace cursor is single-threaded), and the way results
 * come back to the FX thread: the newest value wins, so a fast run never floods the UI with stale frames.
 */
public final class VmThread implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultscope-vm");
        t.setDaemon(true);
        return t;
    });

    public Future<?> submit(Runnable work) {
        return executor.submit(work);
    }

    public void execute(Runnable work) {
        executor.execute(work);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Hands values to the FX thread, dropping any the FX thread had not drawn yet when a newer one came. */
    public static final class Latest<T> {
        private final AtomicReference<T> pending = new AtomicReference<>();
        private final Consumer<T> sink;

        public Latest(Consumer<T> sink) {
            this.sink = sink;
        }

        public void publish(T value) {
            if (pending.getAndSet(value) == null) {
                Platform.runLater(() -> {
                    T v = pending.getAndSet(null);
                    if (v != null) {
                        sink.accept(v);
                    }
                });
            }
        }
    }
}
