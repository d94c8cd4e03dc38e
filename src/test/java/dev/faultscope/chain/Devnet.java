package dev.faultscope.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Bonds;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A real L1 devnet for the tests: anvil (npm {@code @foundry-rs/anvil-linux-amd64} 1.7.1) on 127.0.0.1 at a free
 * port, with the OP contracts of {@code @eth-optimism/contracts-bedrock} 0.17.3 deployed from their forge artifacts
 * as a chain deploys them: PreimageOracle, MIPS, DelayedWETH, DisputeGameFactory and AnchorStateRegistry behind
 * Proxies, and FaultDisputeGame 1.2.0 as the factory's implementation for game type 0 with the bundled fault proof
 * program's absolute prestate. Both packages come from {@code scripts/install-devnet.sh}.
 */
public final class Devnet implements AutoCloseable {
    public static final Path MODULES = Path.of(".devnet", "node_modules");
    public static final Path ANVIL = MODULES.resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
    public static final Path ARTIFACTS = MODULES.resolve("@eth-optimism/contracts-bedrock/forge-artifacts");

    /** anvil's first dev accounts (its fixed test mnemonic): deployer/proposer, challenger, a third player. */
    public static final Credentials PROPOSER =
        Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static final Credentials CHALLENGER =
        Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static final Credentials HELPER =
        Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    public static final int GAME_TYPE = 0;

    /** The game's parameters on this devnet. */
    public record Params(int maxGameDepth, int splitDepth, long clockExtension, long maxClockDuration,
                         long challengePeriod, long l2ChainId, long anchorBlock, Bytes32 anchorRoot,
                         Bytes32 absolutePrestate) {
    }

    private final Process process;
    private final Rpc rpc;
    public final Params params;
    public String oracle;
    public String mips;
    public String weth;
    public String factory;
    public String anchorRegistry;
    public String gameImpl;

    private Devnet(Process process, Rpc rpc, Params params) {
        this.process = process;
        this.rpc = rpc;
        this.params = params;
    }

    public static boolean installed() {
        return Files.isExecutable(ANVIL) && Files.isDirectory(ARTIFACTS);
    }

    /** Starts anvil and deploys the contracts. */
    public static Devnet start(Params params) throws Exception {
        if (!installed()) {
            throw new IllegalStateException("the devnet packages are missing: run scripts/install-devnet.sh");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(ANVIL.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
            "--silent", "--accounts", "4", "--code-size-limit", "100000")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Rpc rpc = new Rpc("http://127.0.0.1:" + port, Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                rpc.chainId();
                break;
            } catch (ChainException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("anvil did not start on port " + port + ": " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
        Devnet d = new Devnet(p, rpc, params);
        try {
            d.deploy();
        } catch (Exception e) {
            d.close();
            throw e;
        }
        return d;
    }

    public Rpc rpc() {
        return rpc;
    }

    public String url() {
        return rpc.url();
    }

    private void deploy() throws IOException {
        Params p = params;
        String deployer = PROPOSER.getAddress();
        oracle = create("PreimageOracle", new Uint256(0), new Uint256(p.challengePeriod()));
        mips = create("MIPS", new Address(oracle));
        weth = create("DelayedWETH", new Uint256(0));
        String factoryImpl = create("DisputeGameFactory");
        factory = create("Proxy", new Address(deployer));
        send(factory, BigInteger.ZERO, FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("upgradeToAndCall",
            List.of(new Address(factoryImpl), new DynamicBytes(Numeric.hexStringToByteArray(
                Abi.encode("initialize", new Address(deployer))))), List.of())), "upgrade the factory proxy");
        String registryImpl = create("AnchorStateRegistry", new Address(factory));
        anchorRegistry = create("Proxy", new Address(deployer));
        // initialize(StartingAnchorRoot[]): one (gameType, (root, l2BlockNumber)), a static tuple inlined.
        String init = RevertReasons.selector("initialize((uint32,(bytes32,uint256))[])")
            + word(BigInteger.valueOf(32)) + word(BigInteger.ONE) + word(BigInteger.valueOf(GAME_TYPE))
            + Numeric.toHexStringNoPrefix(p.anchorRoot().bytes()) + word(BigInteger.valueOf(p.anchorBlock()));
        send(anchorRegistry, BigInteger.ZERO, FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(
            "upgradeToAndCall", List.of(new Address(registryImpl), new DynamicBytes(Numeric.hexStringToByteArray(init))),
            List.of())), "upgrade the anchor state registry proxy");
        gameImpl = create("FaultDisputeGame", new Uint32(GAME_TYPE),
            new org.web3j.abi.datatypes.generated.Bytes32(p.absolutePrestate().bytes()), new Uint256(p.maxGameDepth()),
            new Uint256(p.splitDepth()), new Uint64(p.clockExtension()), new Uint64(p.maxClockDuration()),
            new Address(mips), new Address(weth), new Address(anchorRegistry), new Uint256(p.l2ChainId()));
        send(factory, BigInteger.ZERO, Abi.encode("setImplementation", new Uint32(GAME_TYPE), new Address(gameImpl)),
            "setImplementation");
        send(factory, BigInteger.ZERO, Abi.encode("setInitBond", new Uint32(GAME_TYPE),
            new Uint256(initBond())), "setInitBond");
    }

    /** The factory's init bond: the root claim's bond, as mainnet sets it. */
    public BigInteger initBond() {
        return Bonds.requiredBond(0, params.maxGameDepth());
    }

    /** Creates a game through the factory; returns its address. */
    public String createGame(Credentials proposer, Bytes32 rootClaim, long l2Block) {
        Calldata.Tx tx = Calldata.create(factory, GAME_TYPE, rootClaim, l2Block, initBond());
        rpc.sendAndWait(proposer, tx.to(), tx.value(), tx.data(), "create");
        long n = new FactoryReader(rpc).gameCount(factory);
        return new FactoryReader(rpc).games(factory, n - 1, 1).get(0).address();
    }

    /** Moves the node's clock forward and mines a block at the new time. */
    public void advance(long seconds) {
        rpc.raw("evm_increaseTime", seconds);
        rpc.raw("evm_mine");
    }

    public long timestampOf(TransactionReceipt r) {
        return rpc.block(r.getBlockNumber().longValueExact(), false).getTimestamp().longValueExact();
    }

    public TransactionReceipt send(String to, BigInteger value, String data, String what) {
        return rpc.sendAndWait(PROPOSER, to, value, data, what);
    }

    private String create(String contract, Type<?>... args) throws IOException {
        JsonNode art = new ObjectMapper().readTree(ARTIFACTS.resolve(contract + ".sol").resolve(contract + ".json").toFile());
        String code = art.path("bytecode").path("object").asText();
        if (!art.path("bytecode").path("linkReferences").isEmpty()) {
            throw new IllegalStateException(contract + " needs linked libraries, which this devnet does not deploy");
        }
        String data = code + FunctionEncoder.encodeConstructor(Arrays.asList(args));
        TransactionReceipt r = rpc.sendAndWait(PROPOSER, null, BigInteger.ZERO, data, "deploy " + contract);
        return r.getContractAddress().toLowerCase();
    }

    private static String word(BigInteger v) {
        return Numeric.toHexStringNoPrefixZeroPadded(v, 64);
    }

    @Override
    public void close() {
        rpc.close();
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
