/**
 * The desktop app's view models: plain Java, no JavaFX. They decide what the views show (which lines of
 * disassembly, which registers changed, which memory word to colour, what the step's evidence is), so that
 * logic is tested without a toolkit and the views only draw.
 */
package dev.faultscope.ui.model;
