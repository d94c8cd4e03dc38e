package dev.faultscope.vm.elf;

/** An ELF file this VM cannot load; the message names what is wrong and where, on one line. */
public final class ElfFormatException extends IllegalArgumentException {
    public ElfFormatException(String message) {
        super(message);
    }
}
