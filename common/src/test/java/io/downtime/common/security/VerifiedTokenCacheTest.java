package io.downtime.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/** {@link VerifiedTokenCache} around smallrye-jwt's real verifier, with RS256 tokens signed here. */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "downtime";
    private static KeyPair trusted;
    private static KeyPair stranger;

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong tickerNanos = new AtomicLong();
    private Instant now = Instant.now();

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        trusted = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    /** The real verifier, counting its calls. */
    private VerifiedTokenCache cache(long maxSize, Duration ttl) {
        DefaultJWTParser real = new DefaultJWTParser(new JWTAuthContextInfo(trusted.getPublic(), ISSUER));
        DefaultJWTParser counting = new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return real.parse(token);
            }
        };
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        return new VerifiedTokenCache(counting, maxSize, ttl, clock, tickerNanos::get);
    }

    private static String token(String subject, Duration lifetime, PrivateKey key) {
        Instant issued = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of("prober")).issuedAt(issued)
                .expiresAt(issued.plus(lifetime)).sign(key);
    }

    @Test
    void aVerifiedTokenIsVerifiedOnceAndAnsweredFromTheCacheAfterwards() throws ParseException {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(1));
        String token = token("prober-eu", Duration.ofHours(1), trusted.getPrivate());

        JsonWebToken first = cache.parse(token);
        JsonWebToken second = cache.parse(token);

        assertEquals("prober-eu", first.getName());
        assertEquals(Set.of("prober"), first.getGroups());
        assertSame(first, second);
        assertEquals(1, verifications.get());
    }

    @Test
    void distinctTokensAreVerifiedEach() throws ParseException {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(1));
        JsonWebToken a = cache.parse(token("a", Duration.ofHours(1), trusted.getPrivate()));
        JsonWebToken b = cache.parse(token("b", Duration.ofHours(1), trusted.getPrivate()));

        assertEquals("a", a.getName());
        assertEquals("b", b.getName());
        assertEquals(2, verifications.get());
    }

    @Test
    void aRefusedTokenIsNeverCachedAndRefusedEveryTime() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(1));
        String forged = token("mallory", Duration.ofHours(1), stranger.getPrivate());

        assertThrows(ParseException.class, () -> cache.parse(forged));
        assertThrows(ParseException.class, () -> cache.parse(forged));

        assertEquals(2, verifications.get());
        assertEquals(0, cache.size());
    }

    @Test
    void aTokenThatDiffersInOneCharacterIsNotACacheHit() throws ParseException {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(1));
        String token = token("prober-eu", Duration.ofHours(1), trusted.getPrivate());
        cache.parse(token);
        // a character inside the signature: all 6 bits of it count (the last character of a base64url RS256
        // signature carries 2 bits and 4 padding bits, so A, B, C and D there decode to the same signature)
        int i = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);

        assertThrows(ParseException.class, () -> cache.parse(tampered));
        assertEquals(2, verifications.get());
    }

    @Test
    void aCachedTokenIsVerifiedAgainAfterTheTtl() throws ParseException {
        VerifiedTokenCache cache = cache(100, Duration.ofSeconds(60));
        String token = token("prober-eu", Duration.ofHours(1), trusted.getPrivate());
        cache.parse(token);

        tickerNanos.addAndGet(Duration.ofSeconds(59).toNanos());
        cache.parse(token);
        assertEquals(1, verifications.get());

        tickerNanos.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.parse(token);
        assertEquals(2, verifications.get());
    }

    @Test
    void aCachedTokenIsNotServedPastItsExpiry() throws ParseException {
        VerifiedTokenCache cache = cache(100, Duration.ofHours(2));
        String token = token("prober-eu", Duration.ofMinutes(10), trusted.getPrivate());
        JsonWebToken jwt = cache.parse(token);

        now = Instant.ofEpochSecond(jwt.getExpirationTime()).minusSeconds(1);
        cache.parse(token);
        assertEquals(1, verifications.get(), "valid for one more second: a cache hit");

        now = Instant.ofEpochSecond(jwt.getExpirationTime());
        cache.parse(token);
        assertEquals(2, verifications.get(), "at exp the cache does not answer; the verifier decides");
    }

    @Test
    void sizeZeroCachesNothing() throws ParseException {
        VerifiedTokenCache cache = cache(0, Duration.ofMinutes(1));
        String token = token("prober-eu", Duration.ofHours(1), trusted.getPrivate());
        cache.parse(token);
        cache.parse(token);

        assertEquals(2, verifications.get());
    }
}
