package dev.faultscope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.IllegalFormatException;

/**
 * Option values checked while the command line is parsed, so that a mistake is a usage error before any work
 * starts (a proof name format that cannot be formatted must not surface after a long run). Numbers take ASCII
 * decimal digits only: Java's own parsers also take "+5" and other scripts' digits.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** A step count or block number: 0 … 2^63-1. */
    static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, 0);
        }
    }

    /** A count of at least 1 (a number of steps). */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, 1);
        }
    }

    /** A count of at least 1 (a number of runs). */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = parse(value, 1);
            if (n > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + value + "' is too large (at most " + Integer.MAX_VALUE + ")");
            }
            return (int) n;
        }
    }

    private static long parse(String value, long min) {
        if (!value.matches("[0-9]+")) {
            throw new TypeConversionException("'" + value + "' is not a number of at least " + min
                + " (decimal digits 0-9, no sign)");
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too large (at most " + Long.MAX_VALUE + ")");
        }
        if (n < min) {
            throw new TypeConversionException("'" + value + "' is less than " + min);
        }
        return n;
    }

    /** An optional input file: the empty string means none, as in Cannon's command line ({@code --meta ""}). */
    static final class OptionalPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return value.isEmpty() ? null : path(value);
        }
    }

    /**
     * A file to write: a name (not a folder: no trailing slash, not an existing directory) without control
     * characters, in a folder that exists. The empty string means none.
     */
    static final class OutputPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return value.isEmpty() ? null : checkOutput(value, "");
        }
    }

    /**
     * A file name format with {@code %d} for the step ({@code --proof-fmt}, {@code --snapshot-fmt}): it must
     * format a step, and what it makes must be a file name {@link OutputPath} accepts.
     */
    static final class FileNameFormat implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            for (long step : new long[] {0, Long.MAX_VALUE}) {
                String name;
                try {
                    name = String.format(value, step);
                } catch (IllegalFormatException e) {
                    throw new TypeConversionException("'" + value + "' is not a usable name format: " + formatProblem(e)
                        + " (use %d for the step, %% for a percent sign)");
                }
                checkOutput(name, " (made by '" + value + "')");
            }
            return value;
        }
    }

    private static String formatProblem(IllegalFormatException e) {
        if (e instanceof java.util.UnknownFormatConversionException u) {
            return "unknown conversion '%" + u.getConversion() + "'";
        }
        if (e instanceof java.util.IllegalFormatConversionException c) {
            return "'%" + c.getConversion() + "' cannot format a step number";
        }
        if (e instanceof java.util.MissingFormatArgumentException m) {
            return "'" + m.getFormatSpecifier() + "' asks for a second value; only the step is given";
        }
        return e.getMessage() == null ? "bad conversion" : e.getMessage();
    }

    static Path checkOutput(String value, String origin) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new TypeConversionException(String.format("'%s'%s contains the control character U+%04X; not a usable file name",
                    value.replaceAll("\\p{Cntrl}", "?"), origin, (int) c));
            }
        }
        if (value.endsWith("/") || value.endsWith(java.io.File.separator)) {
            throw new TypeConversionException("'" + value + "'" + origin + " ends with a slash: give a file name, not a folder");
        }
        Path p = path(value);
        if (Files.isDirectory(p)) {
            throw new TypeConversionException("'" + value + "'" + origin + " is a directory: give a file name");
        }
        Path folder = p.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new TypeConversionException("'" + value + "'" + origin + ": the folder " + folder + " does not exist");
        }
        return p;
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a usable path: " + e.getReason());
        }
    }
}
