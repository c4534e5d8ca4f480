package io.downtime.incident.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Making and digesting integration keys. */
public final class IntegrationKeys {

    /** Length of a key: 32 lower-case hex characters (128 random bits), the format of PagerDuty integration keys. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private IntegrationKeys() {
    }

    /** @return a new random key of {@link #LENGTH} lower-case hex characters */
    public static String generate() {
        byte[] bytes = new byte[LENGTH / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * @return the lower-case hex SHA-256 of the UTF-8 bytes of {@code value} (64 characters). A plain digest suffices
     *         for keys of 128 random bits (no dictionary to guess from), unlike passwords.
     */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
