-- incident-service schema v2: the targets that were globally DOWN during an outage. The outage end is computed
-- from the stored region states of these targets (when each of them fell back to the quorum limit), not from the
-- observedAt of whichever signal happened to break the quorum last.
create table outage_target (
    outage_id bigint       not null references outage (id),
    target    varchar(200) not null,
    primary key (outage_id, target)
);
