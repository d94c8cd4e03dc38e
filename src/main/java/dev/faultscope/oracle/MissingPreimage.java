package dev.faultscope.oracle;

import dev.faultscope.crypto.Hex;

import java.util.List;

/**
 * Why a run stopped for want of a pre-image: the key, its type, the hint that should have made a host fetch
 * it (if the program sent one), what the host said about that hint, the sources searched, and what to do.
 */
public record MissingPreimage(byte[] key, String hint, String hintProblem, List<String> searched) {
    public int type() {
        return PreimageKeys.type(key);
    }

    /** One line for a status bar or stderr. */
    public String message() {
        StringBuilder b = new StringBuilder("missing pre-image for key ").append(Hex.encode(key))
            .append(" (type ").append(type()).append(", ").append(PreimageKeys.typeName(type())).append(")");
        if (hint != null) {
            b.append("; the hint \"").append(hint).append("\" should have produced it");
            if (hintProblem != null) {
                b.append(", but the host said: ").append(hintProblem);
            }
        } else if (type() == PreimageKeys.TYPE_LOCAL) {
            b.append("; local inputs come from the run's host (the scenario and block range)");
        } else {
            b.append("; no hint named it");
        }
        b.append("; searched ").append(searched.isEmpty() ? "no sources" : String.join(", ", searched))
            .append(". To go on, add a source that has it: a pre-image JSON or directory, op-program's store, a trace bundle of the same run, or the run's scenario");
        return b.toString();
    }
}
