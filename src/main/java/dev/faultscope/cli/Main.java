package dev.faultscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** The {@code faultscope} command line: thin commands over the engine's calls. */
@Command(name = "faultscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "A workbench for OP Stack fault proofs: a Cannon-compatible MIPS32 VM and its tools.",
    subcommands = {LoadElfCommand.class, RunCommand.class, WitnessCommand.class, VerifyProofCommand.class,
        ChainCommand.class, FppCommand.class, PlayCommand.class, BenchCommand.class, ReplayCommand.class, ListClaimsCommand.class,
        GamesCommand.class, GameCommand.class, CalldataCommand.class, ActCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    final PrintStream out;
    final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Errors are a one-line reason on {@code err}, never a stack trace. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("faultscope " + commandLine.getCommandName() + ": " + reason(ex));
            if (ex instanceof CommandFailure f) {
                return f.exitCode();
            }
            return isFileError(ex) ? codes(commandLine).fileError() : codes(commandLine).failure();
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println("faultscope: " + withoutClassNames(ex.getMessage()) + " (see 'faultscope " + commandPath(ex.getCommandLine()) + " --help')");
            return codes(ex.getCommandLine()).usageError();
        });
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            // Errors (OutOfMemoryError, StackOverflowError) pass picocli's handlers: still one line, no trace.
            err.println("faultscope: " + reason(t));
            CommandLine.ParseResult parsed = cl.getParseResult();
            while (parsed != null && parsed.subcommand() != null) {
                parsed = parsed.subcommand();
            }
            return parsed == null ? 1 : codes(parsed.commandSpec().commandLine()).failure();
        }
    }

    /**
     * Exit codes of commands whose own codes carry meaning (fpp's 0/1/2 are the program's verdicts): usage and
     * file errors then get codes of their own. Other commands use 2 and 1, as picocli and most tools do.
     */
    interface ExitCodes {
        ExitCodes DEFAULT = new ExitCodes() { };

        default int usageError() {
            return 2;
        }

        default int fileError() {
            return 1;
        }

        /** Any other failure. */
        default int failure() {
            return 1;
        }
    }

    private static ExitCodes codes(CommandLine cl) {
        return cl != null && cl.getCommand() instanceof ExitCodes c ? c : ExitCodes.DEFAULT;
    }

    /** A problem with an input or output file: missing, unreadable, too large, malformed, or not writable. */
    static boolean isFileError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof dev.faultscope.io.FileFormatException
                || t instanceof dev.faultscope.vm.elf.ElfFormatException) {
                return true;
            }
        }
        return false;
    }

    private static String commandPath(CommandLine cl) {
        return cl.getParent() == null ? "" : cl.getCommandName();
    }

    /**
     * The first line of the most useful message in the cause chain, naming the file for the JDK's file
     * exceptions (whose own messages are just the path) and never a Java class name.
     */
    static String reason(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg;
        if (t instanceof OutOfMemoryError) {
            msg = "out of memory: the input or the work it asks for needs more than the Java heap's "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB (raise it with FAULTSCOPE_JAVA_OPTS=-Xmx…)";
        } else if (t instanceof StackOverflowError) {
            msg = "the input is nested too deeply to read (stack overflow)";
        } else if (t instanceof java.nio.file.NoSuchFileException e) {
            msg = e.getFile() + ": no such file or directory";
        } else if (t instanceof java.nio.file.AccessDeniedException e) {
            msg = e.getFile() + ": permission denied";
        } else if (t instanceof java.nio.file.FileSystemException e && e.getFile() != null) {
            msg = e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile()) + ": "
                + (e.getReason() == null ? "cannot be read or written" : e.getReason());
        } else {
            msg = t.getMessage() == null ? t.getClass().getSimpleName() : withoutClassNames(t.getMessage());
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /** Drops "java.lang.IllegalArgumentException: "-style prefixes that libraries put into their messages. */
    static String withoutClassNames(String msg) {
        return msg.replaceAll("(?:java|javax|picocli|com\\.fasterxml)\\.[\\w.$]+(?:Exception|Error):? ?", "");
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /** A command that ends with a specific exit code and a one-line reason. */
    static final class CommandFailure extends RuntimeException {
        private final int exitCode;

        CommandFailure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"faultscope " + (v == null ? "(development build)" : v)};
        }
    }
}
