package io.downtime.common.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses JSON that is not well-formed UTF-8 (RFC 8259 §8.1: JSON exchanged between systems must be UTF-8; RFC 3629 §3
 * defines which byte sequences are UTF-8). Quarkus REST hands the request body to Jackson as bytes, and Jackson's UTF-8
 * parser already rejects a broken sequence such as {@code C3 28} or a stray {@code FF}, but it decodes without checking
 * three kinds of ill-formed input: overlong encodings ({@code C0 AF} and {@code E0 80 AF} both become {@code /}),
 * UTF-8-encoded surrogates ({@code ED A0 80} becomes a lone U+D800) and sequences beyond U+10FFFF ({@code F4 90 80 80}).
 * Such a body was accepted and its strings stored in another form than sent: an overlong {@code /} is the classic way
 * past a filter that looks for {@code ../}.
 * <p>
 * This customizer gives the application's {@link ObjectMapper} (the one quarkus-rest-jackson reads request bodies with)
 * a Jackson {@link InputDecorator} that runs every byte input through the JDK's UTF-8 decoder with
 * {@link CodingErrorAction#REPORT}, which follows RFC 3629 exactly. The bytes reach Jackson unchanged; the first
 * ill-formed sequence fails the parse with a {@link JsonParseException} ("Invalid UTF-8 … at byte N"), which
 * quarkus-rest-jackson turns into a 400 and common's ProblemMappers answers as {@code 400 Malformed JSON}
 * ({@code application/problem+json}) before any resource method runs, so nothing is stored. Character input
 * ({@link Reader}, {@link String}) is already decoded and passes unchanged.
 */
@Singleton
public class StrictUtf8 implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setInputDecorator(new Utf8Check());
    }

    /** The decorator: wraps byte streams in a {@link Utf8CheckingInputStream}, checks byte arrays at once. */
    static final class Utf8Check extends InputDecorator {

        private static final long serialVersionUID = 1L;

        @Override
        public InputStream decorate(IOContext context, InputStream in) {
            return new Utf8CheckingInputStream(in);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws IOException {
            // checked here in one pass; null tells Jackson to parse the array itself, undecorated
            Utf8CheckingInputStream check = new Utf8CheckingInputStream(InputStream.nullInputStream());
            check.check(src, offset, length);
            check.end();
            return null;
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader;
        }
    }

    /**
     * Passes bytes through unchanged while decoding them with a strict UTF-8 {@link CharsetDecoder}; throws
     * {@link JsonParseException} at the first ill-formed sequence, and at the end of input when the input ends inside a
     * sequence. A sequence split across two reads is carried over (at most 3 bytes).
     */
    static final class Utf8CheckingInputStream extends InputStream {

        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharBuffer scratch = CharBuffer.allocate(1024);
        private final ByteBuffer carry = ByteBuffer.allocate(8);
        private long checked;
        private boolean ended;

        Utf8CheckingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                end();
            } else if (n > 0) {
                check(b, off, n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private void check(byte[] b, int off, int n) throws JsonParseException {
            ByteBuffer bytes;
            if (carry.position() == 0) {
                bytes = ByteBuffer.wrap(b, off, n);
            } else {
                carry.flip();
                bytes = ByteBuffer.allocate(carry.remaining() + n).put(carry).put(b, off, n).flip();
                carry.clear();
            }
            decode(bytes, false);
            // an incomplete sequence at the end of this read: kept for the next one
            carry.put(bytes);
        }

        private void end() throws JsonParseException {
            if (ended) {
                return;
            }
            ended = true;
            carry.flip();
            decode(carry, true);
            scratch.clear();
            decoder.flush(scratch);
            carry.clear();
        }

        private void decode(ByteBuffer bytes, boolean endOfInput) throws JsonParseException {
            int start = bytes.position();
            while (true) {
                scratch.clear();
                CoderResult result = decoder.decode(bytes, scratch, endOfInput);
                if (result.isError()) {
                    long at = checked + bytes.position() - start;
                    throw new JsonParseException(null, "Invalid UTF-8 byte sequence at byte " + at
                            + " of the JSON input: JSON must be well-formed UTF-8 (RFC 8259 §8.1, RFC 3629)");
                }
                if (result.isUnderflow()) {
                    break;
                }
            }
            checked += bytes.position() - start;
        }
    }
}
