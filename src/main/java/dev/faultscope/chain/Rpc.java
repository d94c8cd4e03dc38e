package dev.faultscope.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JSON-RPC endpoint: the few calls Faultscope makes, each turning web3j's exceptions into a
 * {@link ChainException} with a one-line reason (dead or wrong URL, rate limit, time-out, JSON-RPC error, revert
 * decoded by name).
 */
public final class Rpc implements AutoCloseable {
    /** Gas for Faultscope's transactions: a MIPS step with its proofs stays well under it. */
    public static final BigInteger DEFAULT_GAS = BigInteger.valueOf(8_000_000);

    private final String url;
    private final HttpService service;
    private final Web3j web3j;
    private final Duration timeout;

    public Rpc(String url, Duration timeout) {
        this.url = checkUrl(url);
        this.timeout = timeout;
        OkHttpClient client = new OkHttpClient.Builder()
            .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout.multipliedBy(2))
            .build();
        this.service = new HttpService(this.url, client);
        this.web3j = Web3j.build(service);
    }

    public static Rpc connect(String url) {
        return new Rpc(url, Duration.ofSeconds(20));
    }

    public String url() {
        return url;
    }

    private static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ChainException("no RPC URL given");
        }
        String u = url.trim();
        try {
            URI uri = URI.create(u);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new ChainException("RPC URL " + u + ": expected http://host:port or https://host/…");
            }
        } catch (IllegalArgumentException e) {
            throw new ChainException("RPC URL " + u + " is not a URL: " + e.getMessage());
        }
        return u;
    }

    // ------------------------------------------------------------------------------------------------ reads

    public long chainId() {
        return send(web3j.ethChainId(), "eth_chainId").getChainId().longValueExact();
    }

    public long blockNumber() {
        return send(web3j.ethBlockNumber(), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    /** The block (with full transactions when {@code full}); a missing block is an error. */
    public EthBlock.Block block(long number, boolean full) {
        EthBlock.Block b = send(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), full),
            "eth_getBlockByNumber").getBlock();
        if (b == null) {
            throw new ChainException(url + " has no block " + number);
        }
        return b;
    }

    public EthBlock.Block latestBlock() {
        EthBlock.Block b = send(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false), "eth_getBlockByNumber")
            .getBlock();
        if (b == null) {
            throw new ChainException(url + " returned no latest block");
        }
        return b;
    }

    /** The deployed code at {@code address} ("0x" for none). */
    public String code(String address) {
        return send(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST), "eth_getCode").getCode();
    }

    public BigInteger balance(String address) {
        return send(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST), "eth_getBalance").getBalance();
    }

    /** {@code eth_call} at the latest block; a revert throws with its decoded name. */
    public String call(String to, String data, String what) {
        return callAt(null, to, data, DefaultBlockParameterName.LATEST, what);
    }

    private String callAt(String from, String to, String data, DefaultBlockParameter block, String what) {
        EthCall r = send(web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), block), what);
        if (r.isReverted() || r.hasError()) {
            String revertData = r.hasError() && r.getError().getData() != null ? r.getError().getData() : null;
            String name = revertData != null ? RevertReasons.describe(revertData)
                : r.hasError() ? r.getError().getMessage() : r.getRevertReason();
            throw ChainException.reverted(what + " at " + to, name);
        }
        return r.getValue();
    }

    /** Logs of {@code address} in the block range. */
    public List<Log> logs(String address, long fromBlock, long toBlock) {
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address);
        EthLog r = send(web3j.ethGetLogs(f), "eth_getLogs");
        List<Log> out = new ArrayList<>();
        for (EthLog.LogResult<?> lr : r.getLogs()) {
            out.add((Log) lr.get());
        }
        return out;
    }

    public Optional<TransactionReceipt> receipt(String txHash) {
        return send(web3j.ethGetTransactionReceipt(txHash), "eth_getTransactionReceipt").getTransactionReceipt();
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * Signs and sends one legacy transaction ({@code to} null creates a contract), waits for its receipt and
     * returns it; a failed transaction throws with the revert's name (found by replaying the call on the state
     * before its block).
     */
    public TransactionReceipt sendAndWait(Credentials key, String to, BigInteger value, String data, String what) {
        String from = key.getAddress();
        BigInteger nonce = send(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING),
            "eth_getTransactionCount").getTransactionCount();
        BigInteger gasPrice = send(web3j.ethGasPrice(), "eth_gasPrice").getGasPrice();
        RawTransaction raw = to == null
            ? RawTransaction.createContractTransaction(nonce, gasPrice, DEFAULT_GAS, value, data)
            : RawTransaction.createTransaction(nonce, gasPrice, DEFAULT_GAS, to, value, data);
        byte[] signed = TransactionEncoder.signMessage(raw, chainId(), key);
        EthSendTransaction sent = send(web3j.ethSendRawTransaction(Numeric.toHexString(signed)), what);
        String hash = sent.getTransactionHash();
        long deadline = System.nanoTime() + timeout.toNanos() * 3;
        while (true) {
            Optional<TransactionReceipt> r = receipt(hash);
            if (r.isPresent()) {
                TransactionReceipt receipt = r.get();
                if (!receipt.isStatusOK()) {
                    long before = receipt.getBlockNumber().longValueExact() - 1;
                    String name;
                    try {
                        callAtWithValue(from, to, value, data, before);
                        name = "revert (out of gas or no longer reproducible)";
                    } catch (ChainException e) {
                        name = e.revertName() != null ? e.revertName() : e.getMessage();
                    }
                    throw ChainException.reverted(what + " (tx " + hash + ")", name);
                }
                return receipt;
            }
            if (System.nanoTime() > deadline) {
                throw new ChainException(what + ": no receipt for " + hash + " from " + url + " after "
                    + timeout.multipliedBy(3).toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainException(what + ": interrupted while waiting for " + hash);
            }
        }
    }

    private void callAtWithValue(String from, String to, BigInteger value, String data, long block) {
        Transaction tx = new Transaction(from, null, null, DEFAULT_GAS, to, value, data);
        EthCall r = send(web3j.ethCall(tx, DefaultBlockParameter.valueOf(BigInteger.valueOf(block))), "eth_call");
        if (r.isReverted() || r.hasError()) {
            String revertData = r.hasError() ? r.getError().getData() : null;
            throw ChainException.reverted("eth_call", revertData != null ? RevertReasons.describe(revertData)
                : r.hasError() ? r.getError().getMessage() : r.getRevertReason());
        }
    }

    /** A node method without a typed wrapper (anvil's {@code evm_increaseTime}, {@code evm_mine}). */
    public Object raw(String method, Object... params) {
        Request<?, RawResponse> req = new Request<>(method, List.of(params), service, RawResponse.class);
        return send(req, method).getResult();
    }

    /** The JSON-RPC answer of {@link #raw}, as whatever JSON value the node returned. */
    public static final class RawResponse extends Response<Object> {
    }

    // ------------------------------------------------------------------------------------------------ errors

    private <R extends Response<?>> R send(Request<?, R> request, String what) {
        R r;
        try {
            r = request.send();
        } catch (ConnectException e) {
            throw new ChainException("cannot reach the RPC node at " + url + " (" + what + "): connection refused", e);
        } catch (UnknownHostException e) {
            throw new ChainException("cannot reach the RPC node at " + url + " (" + what + "): unknown host", e);
        } catch (InterruptedIOException e) {
            throw new ChainException("the RPC node at " + url + " did not answer " + what + " within "
                + timeout.toSeconds() + " s", e);
        } catch (ClientConnectionException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains(" 429")) {
                throw new ChainException("the RPC node at " + url + " is rate-limiting (HTTP 429) on " + what
                    + "; try again later or use another node", e);
            }
            throw new ChainException(url + " is not a JSON-RPC endpoint (" + what + "): " + firstLine(m), e);
        } catch (JsonProcessingException e) {
            throw new ChainException(url + " did not answer JSON-RPC (" + what + "): " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ChainException("RPC " + what + " to " + url + " failed: " + firstLine(String.valueOf(e.getMessage())), e);
        } catch (RuntimeException e) {
            throw new ChainException("RPC " + what + " to " + url + " failed: " + firstLine(String.valueOf(e.getMessage())), e);
        }
        if (r.hasError() && !(r instanceof EthCall)) {
            Response.Error err = r.getError();
            String m = err.getMessage() == null ? "" : err.getMessage();
            if (err.getCode() == 429 || m.toLowerCase().contains("rate limit")) {
                throw new ChainException("the RPC node at " + url + " is rate-limiting " + what + ": " + firstLine(m));
            }
            throw new ChainException(what + " failed at " + url + ": " + firstLine(m) + " (code " + err.getCode() + ")");
        }
        return r;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
