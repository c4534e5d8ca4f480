package io.downtime.probe.support;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Compiles a test contract offline with solcjs (npm {@code solc}, installed into {@code .tools/} by
 * scripts/setup.sh) and deploys and drives it on a real Anvil node with web3j, from Anvil's dev account 0.
 */
public final class Solidity {

    /** Anvil's well-known dev account 0 (tests only). */
    private static final Credentials DEV = Credentials
            .create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    private final Web3j web3j;
    private final RawTransactionManager transactions;

    public Solidity(String rpcUrl) {
        this.web3j = Web3j.build(new HttpService(rpcUrl));
        this.transactions = new RawTransactionManager(web3j, DEV, 31337);
    }

    /** The address of Anvil's dev account 0, which deploys and owns the contracts. */
    public static String deployer() {
        return DEV.getAddress();
    }

    /**
     * Compiles {@code contracts/<name>.sol} from the test resources with {@code solcjs --bin --optimize}.
     *
     * @return the creation bytecode, hex without {@code 0x}
     */
    public static String compile(String name) {
        try {
            Path dir = Files.createTempDirectory("solc-");
            Path source = dir.resolve(name + ".sol");
            try (var in = Solidity.class.getResourceAsStream("/contracts/" + name + ".sol")) {
                Files.copy(in, source);
            }
            Process solc = new ProcessBuilder("node", solcjs().toString(), "--bin", "--optimize", "-o", "out",
                    name + ".sol").directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(solc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!solc.waitFor(120, TimeUnit.SECONDS) || solc.exitValue() != 0) {
                throw new IllegalStateException("solcjs failed: " + output);
            }
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                Path bin = files.filter(p -> p.getFileName().toString().endsWith("_" + name + ".bin")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + name + ".bin in solcjs output " + output));
                return Files.readString(bin).trim();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deploys creation bytecode with ABI-encoded constructor arguments; returns the contract address. */
    public String deploy(String bytecode, List<Type> constructorArgs) {
        return send(null, bytecode + FunctionEncoder.encodeConstructor(constructorArgs)).getContractAddress();
    }

    /** Sends a transaction calling {@code function()} (no arguments) on {@code contract} and waits for it. */
    public TransactionReceipt call(String contract, String function) {
        return send(contract, FunctionEncoder.encode(new Function(function, List.of(), List.of())));
    }

    private TransactionReceipt send(String to, String data) {
        try {
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
            EthSendTransaction sent = transactions.sendTransaction(gasPrice, BigInteger.valueOf(3_000_000), to, data,
                    BigInteger.ZERO, to == null);
            if (sent.hasError()) {
                throw new IllegalStateException("transaction refused: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 100, 300)
                    .waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("transaction failed: " + receipt);
            }
            return receipt;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path solcjs() {
        String root = System.getProperty("project.rootdir");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve(".tools/node_modules/solc/solc.js");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("solcjs not found under .tools/ — run scripts/setup.sh");
    }
}
