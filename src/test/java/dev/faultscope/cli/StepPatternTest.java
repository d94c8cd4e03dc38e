package dev.faultscope.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepPatternTest {
    @Test
    void eachPatternMatchesTheStepsCannonsDoes() {
        assertFalse(StepPattern.parse("never").matches(0));
        assertTrue(StepPattern.parse("always").matches(12345));
        StepPattern exactly = StepPattern.parse("=42");
        assertTrue(exactly.matches(42));
        assertFalse(exactly.matches(41));
        StepPattern every = StepPattern.parse("%1000");
        assertTrue(every.matches(0));
        assertTrue(every.matches(3000));
        assertFalse(every.matches(3001));
        assertEquals("%1000", every.toString());
    }

    /** The run loop skips to the next due step: it must be the first step at or after the current one that matches. */
    @Test
    void nextMatchIsTheFirstMatchingStepAtOrAfter() {
        for (String text : new String[] {"never", "always", "=0", "=42", "=7000", "%1", "%7", "%1000", "%18446744073709551615"}) {
            StepPattern p = StepPattern.parse(text);
            for (long step = 0; step < 5000; step += 1 + step / 50) {
                long expected = step;
                while (expected < 10_000 && !p.matches(expected)) {
                    expected++;
                }
                long got = p.nextMatch(step);
                if (expected == 10_000) {
                    assertTrue(got >= 10_000 && (got == Long.MAX_VALUE || p.matches(got)), text + " from " + step + ": " + got);
                } else {
                    assertEquals(expected, got, text + " from " + step);
                }
            }
        }
        assertEquals(Long.MAX_VALUE, StepPattern.parse("%4611686018427387904").nextMatch(Long.MAX_VALUE - 5));
    }

    @Test
    void malformedPatternsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepPattern.parse("=abc")).getMessage().contains("not a step number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepPattern.parse("%0")).getMessage().contains("%0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepPattern.parse("sometimes")).getMessage().contains("never, always"));
    }
}
