package dev.faultscope.ui.model;

import org.junit.jupiter.api.Test;

import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @Test
    void roundTripsEverythingItKeeps() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/faultscope/settings-test-" + System.nanoTime());
        try {
            Settings fresh = Settings.load(node);
            assertFalse(fresh.hasWindowBounds());
            assertEquals(FontScale.DEFAULT, fresh.fontSize);
            assertNull(fresh.split("workbench.columns"));

            Settings s = new Settings();
            s.x = 12;
            s.y = 34;
            s.width = 1280;
            s.height = 690;
            s.maximized = true;
            s.dark = true;
            s.fontSize = 22;
            s.presentation = true;
            s.fontBeforePresentation = 14;
            s.setSplit("workbench.columns", new double[] {0.35, 0.62});
            s.setSplit("game.split", new double[] {0.6});
            s.save(node);

            Settings back = Settings.load(node);
            assertTrue(back.hasWindowBounds());
            assertEquals(12, back.x);
            assertEquals(34, back.y);
            assertEquals(1280, back.width);
            assertEquals(690, back.height);
            assertTrue(back.maximized);
            assertTrue(back.dark);
            assertEquals(22, back.fontSize);
            assertTrue(back.presentation);
            assertEquals(14, back.fontBeforePresentation);
            assertArrayEquals(new double[] {0.35, 0.62}, back.split("workbench.columns"));
            assertArrayEquals(new double[] {0.6}, back.split("game.split"));

            // A split forgotten is removed from the store, not left behind.
            back.forgetSplits();
            back.save(node);
            assertNull(Settings.load(node).split("game.split"));
        } finally {
            node.removeNode();
        }
    }

    @Test
    void damagedEntriesFallBackToDefaults() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/faultscope/settings-test-" + System.nanoTime());
        try {
            node.put("font.size", "500");
            node.put("split.workbench.columns", "0.7,0.2");
            node.put("split.game.split", "x");
            node.put("split.game.side", "1.5");
            Settings s = Settings.load(node);
            assertEquals(FontScale.DEFAULT, s.fontSize);
            assertNull(s.split("workbench.columns"), "descending dividers");
            assertNull(s.split("game.split"));
            assertNull(s.split("game.side"));
        } finally {
            node.removeNode();
        }
    }

    @Test
    void fontScaleKeepsTheChoiceUnderTheWindowsCeiling() {
        FontScale f = new FontScale();
        f.fitWindow(1278, 690);
        assertEquals(22, f.ceiling(), "1280x720 less the title bar takes 22 px text at most");
        assertTrue(f.togglePresentation());
        assertEquals(FontScale.LARGE, f.size());
        for (int i = 0; i < 10; i++) {
            f.larger();
        }
        assertEquals(22, f.size(), "nothing larger than the window can lay out is offered");
        assertFalse(f.togglePresentation());
        assertEquals(FontScale.DEFAULT, f.size(), "presentation off goes back to the size before it");

        f.restore(28, false, 13);
        assertEquals(22, f.size());
        assertTrue(f.fitWindow(1600, 1000));
        assertEquals(28, f.size(), "a larger window shows the chosen size again");
        assertEquals(28, f.chosen());
    }
}
