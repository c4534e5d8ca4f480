package io.downtime.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests, signed (RS256) with the test key pair in {@code io/downtime/testsupport/jwt/} of this jar:
 * the services' {@code %test} profile verifies them with {@code publicKey.pem} ({@link #PUBLIC_KEY_RESOURCE}),
 * system tests hand the same public key to the processes ({@link #publicKeyFile()}). Issuer {@value #ISSUER}, roles
 * in the {@code groups} claim, valid for one hour unless stated otherwise. The key pair is for tests only.
 */
public final class Tokens {

    /** The issuer the services expect by default ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "downtime";
    /** Every role the services know. */
    public static final Set<String> ALL_ROLES = Set.of("viewer", "responder", "admin", "prober");
    /** Classpath location of the test public key (PEM, X.509 SubjectPublicKeyInfo). */
    public static final String PUBLIC_KEY_RESOURCE = "io/downtime/testsupport/jwt/publicKey.pem";
    private static final String PRIVATE_KEY_RESOURCE = "io/downtime/testsupport/jwt/privateKey.pem";

    private static volatile PrivateKey privateKey;
    private static volatile PrivateKey strangerKey;

    private Tokens() {
    }

    /** A valid token of subject {@code test} holding every role. */
    public static String all() {
        return forRoles("test", ALL_ROLES);
    }

    /** A valid token of subject {@code test-<first role>} holding {@code roles}. */
    public static String of(String... roles) {
        return forRoles("test-" + (roles.length == 0 ? "none" : roles[0]), Set.of(roles));
    }

    /** A valid token of {@code subject} holding {@code roles}. */
    public static String forRoles(String subject, Set<String> roles) {
        return sign(subject, roles, Instant.now(), Duration.ofHours(1), ISSUER, privateKey());
    }

    /**
     * A valid token of {@code subject} holding {@code roles} whose {@code services} claim (object-level scope, see
     * {@code io.downtime.common.security.ServiceScope}) lists {@code services}: the caller sees and changes only
     * objects of those services ({@code services} empty: of none).
     */
    public static String scoped(String subject, Set<String> roles, String... services) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles).claim("services", List.of(services))
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).sign(privateKey());
    }

    /**
     * A valid token of subject {@code test-scoped} holding every role, restricted to {@code services} (see
     * {@link #scoped(String, Set, String...)}).
     */
    public static String scopedTo(String... services) {
        return scoped("test-scoped", ALL_ROLES, services);
    }

    /** A token with every role that expired an hour ago (well past the verifier's clock skew allowance). */
    public static String expired() {
        return sign("test-expired", ALL_ROLES, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1), ISSUER,
                privateKey());
    }

    /** A token with every role signed by a key the services do not trust. */
    public static String signedByStranger() {
        return sign("test-stranger", ALL_ROLES, Instant.now(), Duration.ofHours(1), ISSUER, strangerKey());
    }

    /** A token with every role, correctly signed, from another issuer. */
    public static String fromIssuer(String issuer) {
        return sign("test-issuer", ALL_ROLES, Instant.now(), Duration.ofHours(1), issuer, privateKey());
    }

    /**
     * The test public key written to a temporary file (for processes that do not have this jar on their classpath,
     * e.g. {@code DOWNTIME_JWT_PUBLIC_KEY_LOCATION} of a system test's service).
     */
    public static Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("downtime-test-jwt-", ".pem");
            Files.writeString(file, resource(PUBLIC_KEY_RESOURCE));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(String subject, Set<String> roles, Instant issuedAt, Duration lifetime, String issuer,
            PrivateKey key) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(roles).issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime)).sign(key);
    }

    private static PrivateKey privateKey() {
        if (privateKey == null) {
            String pem = resource(PRIVATE_KEY_RESOURCE).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                privateKey = KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("bad test private key", e);
            }
        }
        return privateKey;
    }

    private static PrivateKey strangerKey() {
        if (strangerKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                strangerKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return strangerKey;
    }

    private static String resource(String name) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
