package dev.faultscope.ui.model;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyHelpTest {
    /** The single keys of an entry: "Ctrl+S / Ctrl+Shift+S" is Ctrl+S and Ctrl+Shift+S. */
    private static List<String> keysOf(KeyHelp.Key k) {
        return List.of(k.keys().split(" / |, "));
    }

    @Test
    void aViewListsNoKeyTheWindowAlreadyLists() {
        Set<String> everywhere = new HashSet<>();
        KeyHelp.WINDOW.keys().forEach(k -> everywhere.addAll(keysOf(k)));
        for (KeyHelp.Section view : List.of(KeyHelp.WORKBENCH, KeyHelp.GAME)) {
            Set<String> seen = new HashSet<>();
            for (KeyHelp.Key k : view.keys()) {
                for (String key : keysOf(k)) {
                    assertTrue(!everywhere.contains(key), view.title() + " repeats " + key + " from Everywhere");
                    assertTrue(seen.add(key), view.title() + " lists " + key + " twice");
                }
            }
        }
    }

    @Test
    void everyMenuShortcutIsListed() throws Exception {
        String fxml;
        try (InputStream in = KeyHelpTest.class.getResourceAsStream("/dev/faultscope/ui/MainWindow.fxml")) {
            assertNotNull(in, "MainWindow.fxml on the class path");
            fxml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> listed = new HashSet<>();
        for (KeyHelp.Section s : KeyHelp.sections()) {
            s.keys().forEach(k -> listed.addAll(keysOf(k)));
        }
        List<String> missing = new ArrayList<>();
        Matcher m = Pattern.compile("<(?:Check)?MenuItem [^>]*accelerator=\"([^\"]+)\"[^>]*>").matcher(fxml);
        int items = 0;
        while (m.find()) {
            if (m.group().contains("visible=\"false\"")) {
                continue; // a second key for an item already listed (numpad +, Ctrl+Y)
            }
            items++;
            String key = m.group(1).replace("Shortcut", "Ctrl").replace("Ctrl+Equals", "Ctrl +")
                .replace("Ctrl+Minus", "Ctrl −");
            if (!listed.contains(key)) {
                missing.add(key);
            }
        }
        assertTrue(items > 20, "found the menu's shortcuts: " + items);
        assertTrue(missing.isEmpty(), "menu shortcuts F1 does not list: " + missing);
    }
}
