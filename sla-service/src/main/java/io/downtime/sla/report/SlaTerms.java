package io.downtime.sla.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.Revenue;

/**
 * What the report is measured against: the validated parts of an SLA.
 *
 * @param objectivePercent SLO in percent, in (0, 100)
 * @param revenue revenue model, or {@code null}
 * @param creditTiers credit tiers (any order), never {@code null}
 */
public record SlaTerms(BigDecimal objectivePercent, Revenue revenue, List<CreditTier> creditTiers) {

    public SlaTerms {
        Objects.requireNonNull(objectivePercent, "objectivePercent");
        creditTiers = creditTiers == null ? List.of() : List.copyOf(creditTiers);
    }
}
