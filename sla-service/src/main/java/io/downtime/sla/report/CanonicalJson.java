package io.downtime.sla.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Canonical JSON, the form whose SHA-256 is anchored: the same value always gives the same bytes. It follows RFC 8785
 * (JSON Canonicalization Scheme) except for numbers:
 * <ul>
 * <li>No insignificant whitespace: no spaces or line breaks between tokens.</li>
 * <li>Object members sorted by name, comparing UTF-16 code units ({@link String#compareTo}), recursively; array order
 * is kept.</li>
 * <li>Strings: UTF-8, only {@code "} and {@code \} and the control characters U+0000–U+001F escaped, as {@code \b},
 * {@code \t}, {@code \n}, {@code \f}, {@code \r} or else <code>&#92;u00xx</code> (lower-case hex); everything else (non-ASCII,
 * {@code /}, U+007F) as is. Lone surrogates are rejected.</li>
 * <li>Numbers (deviation from RFC 8785, which prints IEEE-754 doubles and would round our exact decimals): the exact
 * decimal value in plain notation — optional {@code -}, digits, and a fraction only when it is not zero, without
 * trailing zeros; no exponent, no {@code +}, zero is {@code 0} ({@code 1.50 → 1.5}, {@code 1E+3 → 1000},
 * {@code 0.000 → 0}, {@code -0 → 0}, {@code 1E-10 → 0.0000000001}).</li>
 * <li>{@code true}, {@code false}, {@code null} as literals.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class CanonicalJson {

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalJson() {
    }

    /**
     * @param node any JSON tree (numbers are taken exactly, see the class comment)
     * @return its canonical text
     * @throws IllegalArgumentException on a lone surrogate in a string or name, or a number that is not finite
     */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    /**
     * @param text a string (the canonical JSON)
     * @return {@code 0x} followed by the 64 lower-case hex digits of SHA-256 of its UTF-8 bytes
     */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "0x" + HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> elements = node.elements();
            for (int i = 0; elements.hasNext(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(elements.next(), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            out.append(number(node));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** @return the exact decimal in plain notation without trailing fractional zeros, {@code 0} for any zero */
    static String number(JsonNode node) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("not a finite number: " + node);
        }
        BigDecimal value = node.isDouble() || node.isFloat() ? new BigDecimal(node.asText()) : node.decimalValue();
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw new IllegalArgumentException("lone surrogate at index " + i);
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
