package io.downtime.sla.model;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets Bean Validation cascade into the {@link Revenue} elements of {@link RevenueModels}: the single-object form as
 * a plain value (violation paths {@code revenue.model}), the list form as indexed values ({@code revenue[0].model}).
 * A CDI bean, so Quarkus registers it with its {@code ValidatorFactory}.
 */
@Singleton
public class RevenueModelsValueExtractor implements ValueExtractor<@ExtractedValue(type = Revenue.class) RevenueModels> {

    @Override
    public void extractValues(RevenueModels original, ValueReceiver receiver) {
        List<Revenue> models = original.models();
        if (!original.isList()) {
            receiver.value(null, models.get(0));
            return;
        }
        for (int i = 0; i < models.size(); i++) {
            receiver.indexedValue("<list element>", i, models.get(i));
        }
    }
}
