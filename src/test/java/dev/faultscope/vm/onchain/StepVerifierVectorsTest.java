package dev.faultscope.vm.onchain;

import dev.faultscope.crypto.Hex;
import dev.faultscope.game.ContractError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every MIPS.sol step vector through the stateless verifier. */
class StepVerifierVectorsTest {

    @Test
    void everyVectorErrorHasAReason() {
        Map<String, Integer> distinct = new TreeMap<>();
        for (StepVectors.Vector v : StepVectors.all()) {
            if (v.error() != null) {
                distinct.merge(v.error(), 1, Integer::sum);
            }
        }
        System.out.println("distinct vector errors: " + distinct);
        List<String> unknown = distinct.keySet().stream().filter(e -> !StepVectors.ERRORS.containsKey(e)).toList();
        assertTrue(unknown.isEmpty(), "vector errors with no verifier reason: " + unknown);
    }

    /** The game reports each rejected step in the contract's own words: the reason string MIPS.sol reverted with. */
    @Test
    void everyRejectedVectorIsReportedInTheContractsWords() {
        int checked = 0;
        for (StepVectors.Vector v : StepVectors.all()) {
            if (v.error() == null) {
                continue;
            }
            StepRejected e = assertThrows(StepRejected.class, () -> StepVerifier.step(v.stateData(), v.proof(), v.oracle()),
                v.name());
            assertEquals('"' + v.error() + '"', ContractError.ofStepRejection(e.reason()).reported(), v.name());
            checked++;
        }
        assertEquals(57, checked);
    }

    @Test
    void vectorsAreWhatTheReadmeDescribes() {
        List<StepVectors.Vector> all = StepVectors.all();
        assertEquals(360, all.size());
        for (StepVectors.Vector v : all) {
            assertTrue((v.post() == null) != (v.error() == null), v.name() + ": exactly one of post and error");
            assertEquals(StepVerifier.WITNESS_BYTES, v.stateData().length, v.name());
            assertEquals(StepVerifier.STEP_PROOF_BYTES, v.proof().length, v.name());
            // Our hash of the pre-state must be the contract's, or no post-state comparison means anything.
            assertArrayEquals(v.pre(), StepVerifier.stateHash(v.stateData()), v.name() + ": pre-state hash");
        }
    }

    @Test
    void everyVectorGivesTheContractsResult() {
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        for (StepVectors.Vector v : StepVectors.all()) {
            String problem = check(v);
            if (problem != null) {
                failures.add(v.name() + " (" + Hex.word(v.insn()) + "): " + problem);
            } else if (v.post() != null) {
                accepted++;
            } else {
                rejected++;
            }
        }
        System.out.println("vectors: " + accepted + " post-states matched, " + rejected + " rejections matched, "
            + failures.size() + " failed");
        assertTrue(failures.isEmpty(), failures.size() + " vectors failed:\n" + String.join("\n", failures));
    }

    private static String check(StepVectors.Vector v) {
        VerifiedStep result;
        try {
            result = StepVerifier.step(v.stateData(), v.proof(), v.oracle());
        } catch (StepRejected e) {
            if (v.error() == null) {
                return "rejected (" + e.getMessage() + ") but the contract returned " + Hex.encode(v.post());
            }
            StepRejected.Reason expected = StepVectors.ERRORS.get(v.error());
            return e.reason() == expected ? null
                : "rejected with " + e.reason() + " (" + e.getMessage() + "), the contract with \"" + v.error() + "\"";
        } catch (RuntimeException e) {
            return "crashed: " + e;
        }
        if (v.error() != null) {
            return "accepted with post " + Hex.encode(result.postHash()) + " but the contract reverted: " + v.error();
        }
        if (!Arrays.equals(result.postHash(), StepVerifier.stateHash(result.postWitness()))) {
            return "post hash does not belong to the post witness";
        }
        return Arrays.equals(result.postHash(), v.post()) ? null
            : "post " + Hex.encode(result.postHash()) + ", expected " + Hex.encode(v.post());
    }
}
