package dev.faultscope.fpp;

import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageStore;

import java.nio.charset.StandardCharsets;

/** A scenario's host as a pre-image source: the transition's local inputs, and whatever the program's hints name. */
public final class HostPreimageSource implements PreimageSource {
    private final PreimageStore store;
    private final String description;

    public HostPreimageSource(FppHost host, FppInputs inputs, String description) {
        this.store = host.lazyStore(inputs);
        this.description = description;
    }

    @Override
    public byte[] get(byte[] key) {
        return store.preimage(key);
    }

    @Override
    public void hint(String hint) {
        store.hint(hint.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return description;
    }
}
