package io.downtime.common.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses a request body with content after its JSON value (e.g. {@code {"name":"a"}}}): Jackson's default reads
 * the first value and ignores the rest, so a truncated or concatenated body could be applied silently. With
 * {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS} such a body fails to parse and is answered
 * {@code 400 Malformed JSON} (problem+json, common's ProblemMappers). Found by ApiFuzzTest (seed 7): a
 * {@code POST /api/v1/services} with a trailing {@code }} created a service.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
