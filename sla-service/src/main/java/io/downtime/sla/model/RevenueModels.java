package io.downtime.sla.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The {@code revenue} of an SLA: one {@link Revenue} object (the original form,
 * {@code "revenue":{"model":"flat",…}}) or a list of them whose losses add up
 * ({@code "revenue":[{"model":"flat",…},{"model":"volume",…}]}). Written back in the form it was given, so clients
 * of the single-object form see no change. Validated element by element ({@link RevenueModelsValueExtractor}): a
 * violation is reported as {@code revenue.amountPerHour} in the object form and {@code revenue[1].feeRate} in the
 * list form.
 */
@JsonDeserialize(using = RevenueModels.Deserializer.class)
@JsonSerialize(using = RevenueModels.Serializer.class)
@Schema(oneOf = { Revenue.class, Revenue[].class }, type = SchemaType.OBJECT)
public final class RevenueModels {

    /** Most models an SLA may sum. */
    public static final int MAX_MODELS = 10;

    private final List<Revenue> models;
    private final boolean list;

    private RevenueModels(List<Revenue> models, boolean list) {
        this.models = Collections.unmodifiableList(new ArrayList<>(models));
        this.list = list;
    }

    /** The single-object form. */
    public static RevenueModels single(Revenue revenue) {
        return new RevenueModels(List.of(Objects.requireNonNull(revenue, "revenue")), false);
    }

    /** The list form; elements may be {@code null} until validated. */
    public static RevenueModels list(List<Revenue> models) {
        return new RevenueModels(models, true);
    }

    /** @return the models in the order given */
    public List<Revenue> models() {
        return models;
    }

    /** @return whether the models were given as a JSON list (else as one object) */
    public boolean isList() {
        return list;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RevenueModels that && that.list == list && that.models.equals(models);
    }

    @Override
    public int hashCode() {
        return Objects.hash(models, list);
    }

    @Override
    public String toString() {
        return list ? models.toString() : String.valueOf(models.get(0));
    }

    /** Reads an object or a list. */
    static final class Deserializer extends StdDeserializer<RevenueModels> {

        Deserializer() {
            super(RevenueModels.class);
        }

        @Override
        public RevenueModels deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                JavaType type = context.getTypeFactory().constructCollectionType(List.class, Revenue.class);
                List<Revenue> models = context.readValue(parser, type);
                return list(models);
            }
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                return single(context.readValue(parser, Revenue.class));
            }
            return (RevenueModels) context.handleUnexpectedToken(RevenueModels.class, parser);
        }
    }

    /** Writes the form that was read. */
    static final class Serializer extends StdSerializer<RevenueModels> {

        Serializer() {
            super(RevenueModels.class);
        }

        @Override
        public void serialize(RevenueModels value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            if (value.list) {
                provider.defaultSerializeValue(value.models, generator);
            } else {
                provider.defaultSerializeValue(value.models.get(0), generator);
            }
        }
    }
}
