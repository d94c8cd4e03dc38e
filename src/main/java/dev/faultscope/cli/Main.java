package dev.faultscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** The {@code faultscope} command line: thin commands over the engine's calls. */
@Command(name = "faultscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "A workbench for OP Stack fault proofs: a Cannon-compatible MIPS32 VM and its tools.",
    subcommands = {LoadElfCommand.class, RunCommand.class, WitnessCommand.class, VerifyProofCommand.class,
        ChainCommand.class, FppCommand.class, PlayCommand.class, BenchCommand.class, ReplayCommand.class, ListClaimsCommand.class, DiffCommand.class, BundleInfoCommand.class,
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

    /** Runs one command line; returns the exit code. Errors are a one-line reason on {@code err}. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("faultscope " + commandLine.getCommandName() + ": " + reason(ex));
            return ex instanceof CommandFailure f ? f.exitCode() : 1;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println("faultscope: " + ex.getMessage() + " (see 'faultscope " + commandPath(ex.getCommandLine()) + " --help')");
            return 2;
        });
        return cl.execute(args);
    }

    private static String commandPath(CommandLine cl) {
        return cl.getParent() == null ? "" : cl.getCommandName();
    }

    /** The first line of the most useful message in the cause chain. */
    static String reason(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
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
