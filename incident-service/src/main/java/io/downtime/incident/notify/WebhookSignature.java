package io.downtime.incident.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Downtime-Signature} header of webhook deliveries, in Stripe's scheme: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>}, the body being the exact bytes sent. A receiver recomputes {@code v1} with its
 * copy of the secret, compares in constant time, and rejects a {@code t} too far from its clock (e.g. 5 minutes) to
 * refuse replays.
 */
public final class WebhookSignature {

    /** Header name. */
    public static final String HEADER = "X-Downtime-Signature";

    private WebhookSignature() {
    }

    /**
     * @param secret the subscription's secret (UTF-8 bytes are the HMAC key)
     * @param timestamp unix seconds of the attempt
     * @param body the exact body bytes
     * @return the header value {@code t=<timestamp>,v1=<64 hex characters>}
     */
    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + hmacHex(secret, timestamp, body);
    }

    static String hmacHex(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
