package dev.faultscope.cli;

import dev.faultscope.chain.Calldata;
import dev.faultscope.chain.Rpc;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.io.CannonProofFile;
import dev.faultscope.vm.StepProof;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;

/** One game action and its arguments, shared by {@code calldata} (print it) and {@code act} (send it). */
final class ActionOptions {
    enum Action { attack, defend, step, add_local_data, load_local_data, load_keccak_part, resolve_claim, resolve }

    @Parameters(index = "0", description = "${COMPLETION-CANDIDATES}")
    Action action;

    @Option(names = "--game", description = "the game's address")
    String game;

    @Option(names = "--oracle", description = "the PreimageOracle's address (load_local_data, load_keccak_part)")
    String oracle;

    @Option(names = "--parent", description = "attack/defend: the index of the claim moved against")
    Integer parent;

    @Option(names = "--claim", description = "attack/defend: the new claim (0x + 64 hex digits)")
    String claim;

    @Option(names = "--disputed", description = "attack/defend without --rpc: the parent's value")
    String disputed;

    @Option(names = "--bond", description = "attack/defend without --rpc: the bond in wei")
    BigInteger bond;

    @Option(names = "--claim-index", description = "step, add_local_data, resolve_claim: the claim's index")
    Integer claimIndex;

    @Option(names = "--defend-step", description = "step: a defend step (default: attack step)")
    boolean defendStep;

    @Option(names = "--proof-file", description = "step: a Cannon proof JSON (state-data and proof-data)")
    Path proofFile;

    @Option(names = "--state-data", description = "step: the pre-state witness (0x hex)")
    String stateData;

    @Option(names = "--proof", description = "step: the memory proofs (0x hex)")
    String proof;

    @Option(names = "--ident", defaultValue = "1", description = "local data ident 1-5 (default: ${DEFAULT-VALUE})")
    long ident;

    @Option(names = "--part-offset", defaultValue = "0", description = "pre-image part offset (default: ${DEFAULT-VALUE})")
    long partOffset;

    @Option(names = "--local-context", description = "load_local_data: the local context (0x + 64 hex digits)")
    String localContext;

    @Option(names = "--word", description = "load_local_data: the data word (0x + 64 hex digits)")
    String word;

    @Option(names = "--size", defaultValue = "32", description = "load_local_data: the data's size (default: ${DEFAULT-VALUE})")
    long size;

    @Option(names = "--preimage", description = "load_keccak_part: the pre-image (0x hex)")
    String preimage;

    @Option(names = "--num", defaultValue = "0", description = "resolve_claim: children to look at, 0 for all (default: ${DEFAULT-VALUE})")
    int num;

    /** The transaction; {@code rpc} (may be null) fills the disputed value and bond of a move. */
    Calldata.Tx tx(Rpc rpc) throws IOException {
        return switch (action) {
            case attack, defend -> {
                boolean attack = action == Action.attack;
                Bytes32 c = bytes32(need(claim, "--claim"), "--claim");
                int p = need(parent, "--parent");
                if (rpc != null && disputed == null && bond == null) {
                    yield Calldata.moveAgainst(rpc, need(game, "--game"), p, c, attack);
                }
                Bytes32 d = bytes32(need(disputed, "--disputed (or --rpc to read it)"), "--disputed");
                BigInteger b = need(bond, "--bond (or --rpc to read it)");
                yield attack ? Calldata.attack(need(game, "--game"), d, p, c, b)
                    : Calldata.defend(need(game, "--game"), d, p, c, b);
            }
            case step -> {
                byte[] sd;
                byte[] pr;
                if (proofFile != null) {
                    StepProof sp = CannonProofFile.read(proofFile);
                    sd = sp.stateData();
                    pr = sp.proofData();
                } else {
                    sd = hex(need(stateData, "--state-data (or --proof-file)"), "--state-data");
                    pr = hex(need(proof, "--proof (or --proof-file)"), "--proof");
                }
                yield Calldata.step(need(game, "--game"), need(claimIndex, "--claim-index"), !defendStep, sd, pr);
            }
            case add_local_data -> Calldata.addLocalData(need(game, "--game"), ident, need(claimIndex, "--claim-index"),
                partOffset);
            case load_local_data -> Calldata.loadLocalData(need(oracle, "--oracle"), ident,
                bytes32(need(localContext, "--local-context"), "--local-context"), bytes32(need(word, "--word"), "--word"),
                size, partOffset);
            case load_keccak_part -> Calldata.loadKeccak256PreimagePart(need(oracle, "--oracle"), partOffset,
                hex(need(preimage, "--preimage"), "--preimage"));
            case resolve_claim -> Calldata.resolveClaim(need(game, "--game"), need(claimIndex, "--claim-index"), num);
            case resolve -> Calldata.resolve(need(game, "--game"));
        };
    }

    private <T> T need(T value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(action + " needs " + option);
        }
        return value;
    }

    private static Bytes32 bytes32(String s, String option) {
        if (!s.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(option + " " + s + ": expected 0x and 64 hex digits");
        }
        return Bytes32.fromHex(s);
    }

    private static byte[] hex(String s, String option) {
        if (!s.matches("0x([0-9a-fA-F]{2})*")) {
            throw new IllegalArgumentException(option + ": expected 0x-prefixed hex bytes");
        }
        return Numeric.hexStringToByteArray(s);
    }
}
