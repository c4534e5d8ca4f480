package io.downtime.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link StrictUtf8}: every ill-formed UTF-8 sequence of RFC 3629 fails the parse, from a stream (split at every byte)
 * and from an array; well-formed input, including 2-, 3- and 4-byte characters split across reads, parses unchanged.
 */
class StrictUtf8Test {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static {
        new StrictUtf8().customize(MAPPER);
    }

    private static byte[] body(String hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(HexFormat.of().parseHex(hex));
        out.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Hands out one byte per read, so every multi-byte sequence is split across reads. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = { "c328", // a lead byte without its continuation
            "fffe", "80", // bytes that never start a sequence
            "c0af", "e080af", "f08080af", // overlong encodings of '/'
            "eda080", "edbfbf", // UTF-16 surrogates encoded as UTF-8
            "f4908080", "f5808080", // beyond U+10FFFF
            "c3" // a lead byte at the end of the string
    })
    void illFormedUtf8FailsTheParse(String hex) {
        byte[] body = body(hex);
        JsonProcessingException stream = assertThrows(JsonProcessingException.class,
                () -> MAPPER.readValue(trickle(body), Map.class));
        assertTrue(stream.getOriginalMessage().startsWith("Invalid UTF-8"), stream.getOriginalMessage());
        assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(body, Map.class));
        assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(new ByteArrayInputStream(body), Map.class));
    }

    @Test
    void theErrorNamesTheByteOffset() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> MAPPER.readTree(new ByteArrayInputStream(body("c0af"))));
        assertTrue(e.getOriginalMessage().contains("at byte 10 "), e.getOriginalMessage());
    }

    @Test
    void aSequenceCutOffByTheEndOfInputFails() {
        byte[] truncated = HexFormat.of().parseHex("22c3"); // "\"" then a lone lead byte, then end of input
        assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(trickle(truncated)));
    }

    @Test
    void wellFormedUtf8ParsesUnchanged() throws IOException {
        String text = "é€\uD83D\uDCA9\u0000 plain ASCII \uFEFF";
        byte[] json = MAPPER.writeValueAsBytes(Map.of("name", text));
        assertEquals(text, MAPPER.readValue(trickle(json), Map.class).get("name"));
        assertEquals(text, MAPPER.readValue(json, Map.class).get("name"));
        assertEquals(text, MAPPER.readValue(new String(json, StandardCharsets.UTF_8), Map.class).get("name"));
    }
}
