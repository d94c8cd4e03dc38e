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

    @Test
    void malformedPatternsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepPattern.parse("=abc")).getMessage().contains("not a step number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepPattern.parse("%0")).getMessage().contains("%0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepPattern.parse("sometimes")).getMessage().contains("never, always"));
    }
}
