package io.downtime.incident.domain;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link TargetRegionState}: target name and region name. */
public class TargetRegionKey implements Serializable {

    public String target;
    public String region;

    public TargetRegionKey() {
    }

    public TargetRegionKey(String target, String region) {
        this.target = target;
        this.region = region;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetRegionKey k && Objects.equals(target, k.target) && Objects.equals(region, k.region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, region);
    }
}
