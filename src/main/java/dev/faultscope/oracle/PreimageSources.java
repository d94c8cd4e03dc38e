package dev.faultscope.oracle;

import dev.faultscope.crypto.Hex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle a run reads from: several {@link PreimageSource}s searched in order. It remembers every pre-image
 * served and every hint sent (with the step that sent it), which is what a trace bundle keeps, and explains a
 * miss ({@link #lastMiss}) with the hint that should have produced the key.
 */
public final class PreimageSources implements PreimageOracle {
    /** A hint as the program sent it, after {@code step} instructions. */
    public record SentHint(long step, String text) {
    }

    /** Hints name a hash whose keccak key is the pre-image they announce (docs/fpp.md). */
    private static final Pattern HASH_HINT = Pattern.compile("[a-z0-9-]+ 0x([0-9a-fA-F]{64})");

    private final List<PreimageSource> sources = new ArrayList<>();
    private final Map<PreimageStore.Key, byte[]> served = new LinkedHashMap<>();
    private final List<SentHint> hints = new ArrayList<>();
    /** Keccak key announced by a hint → that hint, and what the host said when it could not serve it. */
    private final Map<PreimageStore.Key, String> announced = new HashMap<>();
    private final Map<String, String> hintProblems = new HashMap<>();
    private LongSupplier step = () -> -1;
    private MissingPreimage lastMiss;

    public PreimageSources(List<PreimageSource> sources) {
        this.sources.addAll(sources);
    }

    public PreimageSources(PreimageSource... sources) {
        this(List.of(sources));
    }

    /** Where the step numbers of recorded hints come from (the running state's counter). */
    public PreimageSources stepCounter(LongSupplier step) {
        this.step = step;
        return this;
    }

    public PreimageSources add(PreimageSource source) {
        sources.add(source);
        return this;
    }

    public List<PreimageSource> sources() {
        return List.copyOf(sources);
    }

    @Override
    public byte[] preimage(byte[] key) {
        PreimageStore.Key k = new PreimageStore.Key(key);
        byte[] known = served.get(k);
        if (known != null) {
            return known;
        }
        for (PreimageSource s : sources) {
            byte[] data = s.get(key);
            if (data != null && acceptable(key, data)) {
                served.put(new PreimageStore.Key(key.clone()), data);
                lastMiss = null;
                return data;
            }
        }
        String hint = announced.get(k);
        lastMiss = new MissingPreimage(key.clone(), hint, hint == null ? null : hintProblems.get(hint),
            sources.stream().map(PreimageSource::describe).toList());
        return null;
    }

    /** A keccak pre-image must hash to its key, whichever source gave it. */
    private static boolean acceptable(byte[] key, byte[] data) {
        return PreimageKeys.type(key) != PreimageKeys.TYPE_KECCAK || Arrays.equals(key, PreimageKeys.keccakKey(data));
    }

    @Override
    public void hint(byte[] hint) {
        String text = new String(hint, StandardCharsets.UTF_8);
        hints.add(new SentHint(step.getAsLong(), text));
        Matcher m = HASH_HINT.matcher(text);
        if (m.matches()) {
            announced.put(new PreimageStore.Key(PreimageKeys.keccakKeyOfHash(Hex.decode("0x" + m.group(1)))), text);
        }
        // Every source hears every hint; one host failing to serve it is not yet an error, since a later
        // source may hold the data. It becomes part of the explanation if the pre-image is then missing.
        for (PreimageSource s : sources) {
            try {
                s.hint(text);
            } catch (RuntimeException e) {
                hintProblems.put(text, e.getMessage());
            }
        }
    }

    /** Why the last lookup failed, or null when the last lookup succeeded. */
    public MissingPreimage lastMiss() {
        return lastMiss;
    }

    /** Every pre-image served so far, in the order first read. */
    public Map<byte[], byte[]> served() {
        Map<byte[], byte[]> out = new LinkedHashMap<>();
        served.forEach((k, v) -> out.put(k.bytes().clone(), v));
        return out;
    }

    public List<SentHint> hints() {
        return List.copyOf(hints);
    }
}
