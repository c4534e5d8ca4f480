package io.downtime.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class: {@link DefaultBearerToken} adds no token to its RestAssured requests (for tests of
 * authentication and authorization, which choose each request's token themselves).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithoutDefaultToken {
}
