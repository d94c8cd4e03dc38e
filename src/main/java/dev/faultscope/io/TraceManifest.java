package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * What a trace bundle holds and where it came from: the producer, the VM version it follows, the program, the
 * scenario transition if any, the checkpoint interval, and how the run ended.
 *
 * @param program     keccak of the program's ELF when known, else null
 * @param scenario    the fault proof program's transition, or null for a plain program run
 * @param stop        how the run ended: "exited", "stopped" (a stop pattern or the user) or "fault: reason"
 */
public record TraceManifest(String producer, String vm, String program, ScenarioRun scenario, long interval,
                            long firstStep, long finalStep, String finalStateHash, String stop) {

    /** The scenario file (by name and keccak of its bytes) and the transition the program checked. */
    public record ScenarioRun(String file, String keccak, long agreedBlock, long claimBlock, String claim, long l1Head) {
    }

    public static TraceManifest of(String producer, String program, ScenarioRun scenario, long interval,
                                   long firstStep, long finalStep, String finalStateHash, String stop) {
        return new TraceManifest(producer, BundleFormat.VM, program, scenario, interval, firstStep, finalStep, finalStateHash, stop);
    }

    byte[] toJson() {
        ObjectNode o = JsonFiles.newObject();
        o.put("format", "faultscope trace bundle");
        o.put("version", BundleFormat.VERSION);
        o.put("producer", producer);
        o.put("vm", vm);
        if (program != null) {
            o.put("program", program);
        }
        if (scenario != null) {
            ObjectNode s = o.putObject("scenario");
            s.put("file", scenario.file());
            s.put("keccak", scenario.keccak());
            s.put("agreedBlock", scenario.agreedBlock());
            s.put("claimBlock", scenario.claimBlock());
            s.put("claim", scenario.claim());
            s.put("l1Head", scenario.l1Head());
        }
        o.put("interval", interval);
        o.put("firstStep", firstStep);
        o.put("finalStep", finalStep);
        o.put("finalStateHash", finalStateHash);
        o.put("stop", stop);
        return JsonFiles.toBytes(o);
    }

    static TraceManifest fromJson(byte[] json, Path source, String where) {
        ObjectNode o = JsonFiles.parseObject(json, source);
        JsonFiles.Fields f = new JsonFiles.Fields(source, o, where);
        ScenarioRun scenario = null;
        if (f.has("scenario")) {
            JsonFiles.Fields s = new JsonFiles.Fields(source, f.require("scenario"), where + ".scenario");
            scenario = new ScenarioRun(s.text("file"), s.text("keccak"), s.uint64("agreedBlock"), s.uint64("claimBlock"),
                s.text("claim"), s.uint64("l1Head"));
        }
        return new TraceManifest(f.text("producer"), f.text("vm"), f.has("program") ? f.text("program") : null, scenario,
            f.uint64("interval"), f.uint64("firstStep"), f.uint64("finalStep"), f.text("finalStateHash"), f.text("stop"));
    }
}
