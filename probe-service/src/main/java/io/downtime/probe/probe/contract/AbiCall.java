package io.downtime.probe.probe.contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

import io.downtime.probe.probe.TargetSpec;

/**
 * One view call of an {@code evm-contract} target, compiled with web3j's ABI encoder
 * ({@link FunctionEncoder#makeFunction}) and checked with its decoder ({@link FunctionReturnDecoder}).
 *
 * <p>
 * Supported types (arguments and return): {@code bool}, {@code address}, {@code uint<M>}/{@code int<M>}
 * ({@code uint}/{@code int} mean 256 bits), {@code bytes<M>}, {@code bytes}, {@code string}. Values are written as
 * strings: numbers in decimal or {@code 0x} hex, {@code true}/{@code false}, {@code 0x}-prefixed addresses and
 * bytes. Arrays and tuples are not supported.
 */
public final class AbiCall {

    private static final Pattern SIGNATURE = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\(([^()]*)\\)");
    private static final Pattern TYPE = Pattern
            .compile("bool|address|string|bytes|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|"
                    + "160|168|176|184|192|200|208|216|224|232|240|248|256)?|bytes([1-9]|[12][0-9]|3[0-2])");

    private final TargetSpec.Call call;
    private final Function function;
    private final String data;
    private final String returns;
    private final String expected;
    private final BigInteger min;
    private final BigInteger max;

    private AbiCall(TargetSpec.Call call, Function function, String returns, String expected, BigInteger min,
            BigInteger max) {
        this.call = call;
        this.function = function;
        this.data = FunctionEncoder.encode(function);
        this.returns = returns;
        this.expected = expected;
        this.min = min;
        this.max = max;
    }

    /**
     * Parses and encodes a call.
     *
     * @throws IllegalArgumentException with a message naming the bad part (signature, argument, type, expectation)
     */
    public static AbiCall compile(TargetSpec.Call call) {
        Matcher m = SIGNATURE.matcher(call.function().replace(" ", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("function: not an ABI signature like name(type,...): " + call.function());
        }
        List<String> types = m.group(2).isEmpty() ? List.of()
                : List.of(m.group(2).split(",")).stream().map(AbiCall::canonical).toList();
        List<String> args = call.args() == null ? List.of() : call.args();
        if (args.size() != types.size()) {
            throw new IllegalArgumentException(
                    "args: " + call.function() + " takes " + types.size() + " argument(s), " + args.size() + " given");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            values.add(value(types.get(i), args.get(i), "args[" + i + "]"));
        }
        String returns = call.returns() == null ? null : canonical(call.returns().trim());
        String expected = null;
        if (call.expect() != null) {
            if (returns == null) {
                throw new IllegalArgumentException("expect: needs returns (the return type)");
            }
            expected = display(value(returns, call.expect(), "expect"));
        }
        BigInteger min = bound(returns, call.min(), "min");
        BigInteger max = bound(returns, call.max(), "max");
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min: must not exceed max");
        }
        try {
            Function function = FunctionEncoder.makeFunction(m.group(1), types, values,
                    returns == null ? List.of() : List.of(returns));
            return new AbiCall(call, function, returns, expected, min, max);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("function: cannot encode " + call.function() + ": " + e.getMessage());
        }
    }

    /** The call's signature as given, e.g. {@code balanceOf(address)}. */
    public String signature() {
        return call.function();
    }

    /** The {@code eth_call} input: 4-byte selector and ABI-encoded arguments, {@code 0x} hex. */
    public String data() {
        return data;
    }

    /**
     * Checks the {@code eth_call} result ({@code 0x} hex).
     *
     * @return the outcome: {@code ok}, or {@code contract_paused} (a {@code paused()} call returned {@code true}
     *         where something else was expected), or {@code call_mismatch} (wrong value, out of range, empty or
     *         undecodable return data)
     */
    public Outcome check(String resultHex) {
        if (returns == null) {
            return new Outcome("ok", null, null);
        }
        String hex = resultHex == null ? "0x" : resultHex;
        List<Type> decoded;
        try {
            decoded = FunctionReturnDecoder.decode(hex, function.getOutputParameters());
        } catch (RuntimeException e) {
            return new Outcome("call_mismatch", null, "cannot decode " + returns + " from " + abbreviate(hex));
        }
        if (decoded == null || decoded.isEmpty()) {
            return new Outcome("call_mismatch", null, "empty return data");
        }
        String value = display(decoded.get(0).getValue());
        if (expected != null && !expected.equals(value)) {
            boolean paused = "paused".equals(function.getName()) && "bool".equals(returns) && "true".equals(value);
            return new Outcome(paused ? "contract_paused" : "call_mismatch", value, "expected " + expected);
        }
        if (min != null || max != null) {
            BigInteger n = (BigInteger) decoded.get(0).getValue();
            if ((min != null && n.compareTo(min) < 0) || (max != null && n.compareTo(max) > 0)) {
                return new Outcome("call_mismatch", value,
                        "expected within [" + (min == null ? "-∞" : min) + ", " + (max == null ? "∞" : max) + "]");
            }
        }
        return new Outcome("ok", value, null);
    }

    /**
     * The result of checking one call.
     *
     * @param reason {@code ok}, {@code contract_paused} or {@code call_mismatch}
     * @param value the decoded value as text (null when nothing was decoded)
     * @param detail what was expected instead, or why decoding failed
     */
    public record Outcome(String reason, String value, String detail) {
    }

    private static String canonical(String type) {
        String t = type.trim();
        if (t.equals("uint") || t.equals("int")) {
            t = t + "256";
        }
        if (!TYPE.matcher(t).matches()) {
            throw new IllegalArgumentException("type: unsupported ABI type '" + type
                    + "' (bool, address, string, bytes, bytes1..32, uint8..256, int8..256)");
        }
        return t;
    }

    /** A string written by the user as the Java value web3j instantiates {@code type} from. */
    private static Object value(String type, String text, String field) {
        String s = text == null ? "" : text.trim();
        try {
            if (type.equals("bool")) {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                return Boolean.valueOf(s);
            }
            if (type.equals("address")) {
                if (!s.matches("0x[0-9a-fA-F]{40}")) {
                    throw new IllegalArgumentException("must be 0x and 40 hex digits");
                }
                return s.toLowerCase(Locale.ROOT);
            }
            if (type.equals("string")) {
                return text == null ? "" : text;
            }
            if (type.startsWith("bytes")) {
                if (!s.matches("0x([0-9a-fA-F]{2})*")) {
                    throw new IllegalArgumentException("must be 0x and an even number of hex digits");
                }
                byte[] bytes = Numeric.hexStringToByteArray(s);
                if (!type.equals("bytes") && bytes.length != Integer.parseInt(type.substring(5))) {
                    throw new IllegalArgumentException("must be " + type.substring(5) + " bytes");
                }
                return bytes;
            }
            BigInteger n = integer(s);
            int bits = type.replaceAll("\\D", "").isEmpty() ? 256 : Integer.parseInt(type.replaceAll("\\D", ""));
            boolean unsigned = type.startsWith("u");
            if (unsigned ? n.signum() < 0 || n.bitLength() > bits : n.bitLength() > bits - 1) {
                throw new IllegalArgumentException("out of range for " + type);
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + abbreviate(s) + "' is not a valid " + type + ": "
                    + e.getMessage());
        }
    }

    private static BigInteger bound(String returns, String text, String field) {
        if (text == null) {
            return null;
        }
        if (returns == null || !returns.contains("int")) {
            throw new IllegalArgumentException(field + ": only for integer return types (uint<M>, int<M>)");
        }
        return (BigInteger) value(returns, text, field);
    }

    private static BigInteger integer(String s) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return new BigInteger(s.substring(2), 16);
        }
        if (s.startsWith("-0x")) {
            return new BigInteger(s.substring(3), 16).negate();
        }
        return new BigInteger(s);
    }

    /** The canonical text of a value: decimal numbers, lower-case hex for addresses and bytes. */
    private static String display(Object value) {
        if (value instanceof byte[] bytes) {
            return Numeric.toHexString(bytes).toLowerCase(Locale.ROOT);
        }
        if (value instanceof String s && s.matches("0x[0-9a-fA-F]{40}")) {
            return s.toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
