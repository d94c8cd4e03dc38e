package dev.faultscope.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hashes a cursor's checkpoint pages ahead of time on a background thread, so that a checkpoint's first restore
 * finds its pages hashed instead of hashing them on the thread that seeks (for a checkpoint of a long run, tens of
 * fully rewritten pages: milliseconds).
 *
 * <p>The background thread only reads frozen pages (the page arrays are copied on the owner's thread when the batch
 * is handed over) and makes new hashed copies; it hands each checkpoint's copies to the owner's {@code install},
 * which puts them in under the owner's lock, so at most one checkpoint's copies exist beside the pages they
 * replace. One thread serves every cursor in the JVM, one batch per cursor at a time.
 */
final class CheckpointHasher {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "checkpoint-hasher");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /** A snapshot to hash, with its page array as the owner saw it and the step of its checkpoint. */
    private record Job(long step, Memory.Snapshot snapshot, MemoryPage[] pages) {
    }

    /** Hashed pages made by the background thread, with the step of their checkpoint. */
    record Done(long step, Memory.HashedPages pages) {
    }

    private final Consumer<Done> install;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Set when the owner no longer wants the batch in progress (its checkpoints were thinned out). */
    private volatile boolean stale;

    /** {@code install} is called on the background thread with each checkpoint's hashed pages. */
    CheckpointHasher(Consumer<Done> install) {
        this.install = install;
    }

    /**
     * Hands the checkpoints not yet hashed to the background thread, unless a batch is still running (the next
     * call hands over what is left then). The caller holds the lock {@code install} takes.
     */
    void submit(List<VmState.Checkpoint> checkpoints) {
        if (busy.get()) {
            return;
        }
        List<Job> jobs = new ArrayList<>();
        for (VmState.Checkpoint c : checkpoints) {
            if (!Memory.isHashed(c.memory())) {
                jobs.add(new Job(c.step(), c.memory(), Memory.pagesOf(c.memory())));
            }
        }
        if (jobs.isEmpty()) {
            return;
        }
        busy.set(true);
        stale = false;
        THREAD.execute(() -> {
            try {
                MemoryPage[] previous = new MemoryPage[0];
                for (Job j : jobs) {
                    if (stale) {
                        break;
                    }
                    MemoryPage[] pages = j.pages();
                    MemoryPage[] asHanded = pages.clone();
                    // A page the checkpoint before shares (at the same position) was hashed with that one and its copy
                    // put in both: hashing it again would only make a copy that finds nothing to replace.
                    for (int i = 0; i < Math.min(pages.length, previous.length); i++) {
                        if (pages[i] == previous[i]) {
                            pages[i] = null;
                        }
                    }
                    install.accept(new Done(j.step(), Memory.hashedCopies(j.snapshot(), pages)));
                    previous = asHanded;
                }
            } finally {
                busy.set(false);
            }
        });
    }

    /** Drops the rest of the batch in progress. */
    void cancel() {
        stale = true;
    }

    /** True while a batch is being hashed. */
    boolean busy() {
        return busy.get();
    }
}
