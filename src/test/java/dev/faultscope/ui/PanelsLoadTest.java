package dev.faultscope.ui;

import dev.faultscope.ui.workbench.ConsolePanel;
import dev.faultscope.ui.workbench.DisassemblyPanel;
import dev.faultscope.ui.workbench.EvidencePanel;
import dev.faultscope.ui.workbench.MemoryPanel;
import dev.faultscope.ui.workbench.PreimagePanel;
import dev.faultscope.ui.workbench.RegistersPanel;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

class PanelsLoadTest {
    @Test
    void everyPanelLoadsItsFxml() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            try {
                assertNotNull(new DisassemblyPanel());
                assertNotNull(new RegistersPanel());
                assertNotNull(new MemoryPanel());
                assertNotNull(new ConsolePanel());
                assertNotNull(new PreimagePanel());
                assertNotNull(new EvidencePanel());
            } catch (RuntimeException e) {
                e.printStackTrace();
                throw e;
            }
        });
    }
}
