package dev.faultscope.vm.onchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageOracle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The MIPS.sol step vectors (src/test/resources/vectors/mips32-steps.jsonl), parsed. */
final class StepVectors {
    static final String RESOURCE = "/vectors/mips32-steps.jsonl";

    /**
     * The contract's revert strings, as recorded in the vectors, and the verifier's reason for each. A vector
     * error missing here fails the tests, so a new kind of vector cannot be silently mismatched.
     */
    static final Map<String, StepRejected.Reason> ERRORS = Map.of(
        "invalid instruction", StepRejected.Reason.INVALID_INSTRUCTION,
        "MIPS: division by zero", StepRejected.Reason.DIVISION_BY_ZERO,
        "branch in delay slot", StepRejected.Reason.BRANCH_IN_DELAY_SLOT,
        "jump in delay slot", StepRejected.Reason.JUMP_IN_DELAY_SLOT,
        "pre-image must exist", StepRejected.Reason.MISSING_PREIMAGE,
        "pre-image read past the end", StepRejected.Reason.PREIMAGE_READ_PAST_END);

    record Vector(String name, int insn, byte[] stateData, byte[] proof, byte[] pre, byte[] post, String error,
                  byte[] oracleKey, byte[] oracleValue, long oracleOffset) {

        /**
         * An oracle serving the one pre-image the step may read. The vector holds it length-prefixed; the
         * oracle interface serves it bare, so the prefix must agree with the data that follows.
         */
        PreimageOracle oracle() {
            if (oracleKey == null) {
                return PreimageOracle.NONE;
            }
            if (oracleValue.length < 8) {
                throw new IllegalStateException(name + ": oracle-value is shorter than its length prefix");
            }
            long declared = 0;
            for (int i = 0; i < 8; i++) {
                declared = declared << 8 | (oracleValue[i] & 0xFF);
            }
            if (declared != oracleValue.length - 8) {
                throw new IllegalStateException(name + ": oracle-value holds " + (oracleValue.length - 8)
                    + " data bytes but its prefix says " + declared + "; the whole pre-image is needed");
            }
            byte[] key = oracleKey.clone();
            byte[] data = Arrays.copyOfRange(oracleValue, 8, oracleValue.length);
            return k -> Arrays.equals(k, key) ? data.clone() : null;
        }
    }

    private static List<Vector> cached;

    static synchronized List<Vector> all() {
        if (cached == null) {
            cached = List.copyOf(load());
        }
        return cached;
    }

    private static List<Vector> load() {
        ObjectMapper json = new ObjectMapper();
        List<Vector> out = new ArrayList<>();
        try (InputStream in = StepVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                out.add(new Vector(
                    n.get("name").asText(),
                    (int) Long.parseLong(n.get("insn").asText().substring(2), 16),
                    Hex.decode(n.get("state-data").asText()),
                    Hex.decode(n.get("proof-data").asText()),
                    Hex.decode(n.get("pre").asText()),
                    n.has("post") ? Hex.decode(n.get("post").asText()) : null,
                    n.has("error") ? n.get("error").asText() : null,
                    n.has("oracle-key") ? Hex.decode(n.get("oracle-key").asText()) : null,
                    n.has("oracle-value") ? Hex.decode(n.get("oracle-value").asText()) : null,
                    n.has("oracle-offset") ? n.get("oracle-offset").asLong() : -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private StepVectors() {
    }
}
