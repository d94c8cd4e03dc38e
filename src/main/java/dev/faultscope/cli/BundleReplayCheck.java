package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Replaying a bundle re-checks it: at each of its checkpoints' steps the replayed state must hash to what the
 * bundle recorded. The first mismatch stops the replay with both hashes.
 */
final class BundleReplayCheck implements RunOptions.StepHook {
    private final TraceBundle bundle;
    private final List<TraceBundle.CheckpointRef> checkpoints;
    private int next = 1;
    private long nextStep;
    private int verified = 1; // checkpoint 0 is the state the replay starts from

    BundleReplayCheck(TraceBundle bundle) {
        this.bundle = bundle;
        this.checkpoints = bundle.checkpoints();
        nextStep = next < checkpoints.size() ? checkpoints.get(next).step() : -1;
    }

    @Override
    public void afterStep(VmState s) throws IOException {
        if (s.step() != nextStep) {
            return;
        }
        byte[] recorded = bundle.checkpointHash(next);
        byte[] replayed = s.stateHash();
        if (!Arrays.equals(recorded, replayed)) {
            throw new Main.CommandFailure(String.format("the replay differs from the bundle at its checkpoint %d (step %d): the bundle records %s, the replay gives %s",
                next, s.step(), Hex.encode(recorded), Hex.encode(replayed)), 1);
        }
        verified++;
        next++;
        nextStep = next < checkpoints.size() ? checkpoints.get(next).step() : -1;
    }

    /** After the replay: the final state must be the bundle's too. Returns a line saying what was checked. */
    String finish(VmState s) {
        String recorded = bundle.manifest().finalStateHash();
        String replayed = Hex.encode(s.stateHash());
        if (s.step() == bundle.manifest().finalStep() && !recorded.equals(replayed)) {
            throw new Main.CommandFailure("the replay's final state at step " + s.step() + " hashes to " + replayed
                + ", the bundle records " + recorded, 1);
        }
        return String.format("bundle: %d of %d checkpoints verified%s", verified, checkpoints.size(),
            s.step() == bundle.manifest().finalStep() ? ", final state hash matches" : " (stopped before the bundle's final step " + bundle.manifest().finalStep() + ")");
    }
}
