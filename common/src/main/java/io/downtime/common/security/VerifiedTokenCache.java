package io.downtime.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The {@link JWTParser} that Quarkus' bearer-token authentication ({@code MpJwtValidator}) uses: smallrye-jwt's
 * {@link DefaultJWTParser}, with the tokens it verified kept in a bounded Caffeine cache keyed by the whole compact
 * token. A token presented again (a prober sends thousands of signals an hour with one token) is answered from the
 * cache instead of checking its RS256 signature and parsing its claims again. Settings: {@link VerifiedTokenCacheConfig}.
 * <p>
 * What the cache never does:
 * <ul>
 * <li>accept a token that was not verified: only the delegate's successful results are stored; a refused token
 * ({@link ParseException}) is verified again at every presentation;</li>
 * <li>accept a token after its {@code exp} claim (seconds since the epoch), whatever the TTL: a hit whose {@code exp}
 * is not after now is dropped and the token verified again (so the delegate's clock-skew allowance applies, exactly as
 * without the cache);</li>
 * <li>keep a token longer than {@link VerifiedTokenCacheConfig#ttl()} after its verification.</li>
 * </ul>
 * Only {@link #parse(String)} (the configured verification) is cached; the other methods delegate unchanged.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final JWTParser delegate;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokenCache(DefaultJWTParser delegate, VerifiedTokenCacheConfig config) {
        this(delegate, config.enabled() ? config.maxSize() : 0, config.ttl(), Clock.systemUTC(), Ticker.systemTicker());
    }

    /**
     * @param delegate the verifying parser
     * @param maxSize tokens cached at most; 0 caches nothing
     * @param ttl how long after its verification a token is served from the cache, at most
     * @param clock the wall clock {@code exp} is compared with
     * @param ticker the clock of {@code ttl} (nanoseconds)
     */
    VerifiedTokenCache(JWTParser delegate, long maxSize, Duration ttl, Clock clock, Ticker ticker) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /**
     * Verifies {@code token} with the configured key, issuer and rules, or returns the result of an earlier
     * verification of the same token that is neither past its TTL nor past its {@code exp}.
     *
     * @throws ParseException when the token is not valid (never cached)
     */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken hit = verified.getIfPresent(token);
        if (hit != null) {
            if (hit.getExpirationTime() > clock.instant().getEpochSecond()) {
                return hit;
            }
            verified.invalidate(token);
        }
        JsonWebToken jwt = delegate.parse(token);
        verified.put(token, jwt);
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    /** Tokens currently cached (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** Forgets every cached token. */
    public void clear() {
        verified.invalidateAll();
    }
}
