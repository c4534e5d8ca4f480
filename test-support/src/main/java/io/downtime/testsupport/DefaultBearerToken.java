package io.downtime.testsupport;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Gives every RestAssured request of a test an {@code Authorization: Bearer} token holding every role
 * ({@link Tokens#all()}), so that tests written before authentication existed keep working unchanged. Registered
 * for every test class through JUnit's extension auto-detection: {@code META-INF/services/...Extension} in this jar,
 * with {@code junit.jupiter.extensions.autodetection.enabled=true} from the {@code junit-platform.properties} that
 * quarkus-junit5 (quarkus-junit5-config) already puts on every Quarkus module's test class path. A module must not
 * add its own {@code junit-platform.properties}: it would shadow that one and lose Quarkus' test class orderer.
 * <p>
 * A request that sets its own {@code Authorization} header keeps it (the default is added only to requests without
 * one). Test classes about authentication itself opt out with
 * {@link WithoutDefaultToken}.
 * <p>
 * {@code @QuarkusTest} classes and the RestAssured they use live in Quarkus' class loader, not necessarily the one
 * that loaded this extension, so the defaults are installed through the test class's own class loader.
 */
public class DefaultBearerToken implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        apply(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        apply(context);
    }

    private static void apply(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        boolean enabled = !optedOut(testClass);
        ClassLoader testLoader = testClass.getClassLoader();
        invoke(testLoader != null ? testLoader : DefaultBearerToken.class.getClassLoader(), enabled);
    }

    private static boolean optedOut(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Annotation a : c.getAnnotations()) {
                if (a.annotationType().getName().equals(WithoutDefaultToken.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void invoke(ClassLoader loader, boolean enabled) {
        try {
            Class<?> self = Class.forName(DefaultBearerToken.class.getName(), true, loader);
            self.getMethod("install", boolean.class).invoke(null, enabled);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            // this loader does not see RestAssured or test-support: nothing to configure there
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (!(e.getCause() instanceof java.util.ServiceConfigurationError)) {
                throw new IllegalStateException("cannot install the default bearer token", e.getCause());
            }
            // a plain unit test in a Quarkus module: MicroProfile Config (needed to sign) is Quarkus' and not usable
            // outside a @QuarkusTest; such tests send no HTTP requests to the application
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the default bearer token", e);
        }
    }

    /**
     * Adds (or, with {@code enabled == false}, removes) the default-token filter among RestAssured's global filters in
     * the calling class loader. A filter rather than a default request specification: it does not pin the port and
     * base URI of the moment it is installed, and it adds its header only to requests without one.
     */
    public static void install(boolean enabled) {
        List<Filter> filters = new ArrayList<>(RestAssured.filters());
        filters.removeIf(f -> f instanceof AddToken);
        if (enabled) {
            Tokens.all(); // fail here, not in the first request, when the test key cannot sign
            filters.add(new AddToken());
        }
        RestAssured.replaceFiltersWith(filters);
    }

    /** Adds {@code Authorization} with a fresh all-roles token (re-minted every 10 minutes) to a request that has none. */
    private static final class AddToken implements Filter {
        private String token;
        private long mintedAt;

        private synchronized String token() {
            long now = System.nanoTime();
            if (token == null || now - mintedAt > TimeUnit.MINUTES.toNanos(10)) {
                token = Tokens.all();
                mintedAt = now;
            }
            return token;
        }

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext ctx) {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + token());
            }
            return ctx.next(request, response);
        }
    }
}
