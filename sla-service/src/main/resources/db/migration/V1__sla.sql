-- SLA definitions, one per service (the service name comes from incident-service).
create table sla (
    service                 varchar(128) primary key,
    objective_percent       numeric      not null check (objective_percent > 0 and objective_percent < 100),
    window_days             integer      not null check (window_days between 1 and 366),
    revenue_model           varchar(16),
    revenue_amount_per_hour numeric      check (revenue_amount_per_hour >= 0),
    revenue_currency        varchar(10),
    updated_at              timestamptz  not null,
    constraint sla_revenue_complete check (
        (revenue_model is null and revenue_amount_per_hour is null and revenue_currency is null)
        or (revenue_model is not null and revenue_amount_per_hour is not null and revenue_currency is not null))
);

-- Service credit tiers of an SLA; below_percent strictly decreasing, credit_percent strictly increasing.
create table sla_credit_tier (
    service        varchar(128) not null references sla (service) on delete cascade,
    below_percent  numeric      not null check (below_percent > 0 and below_percent <= 100),
    credit_percent numeric      not null check (credit_percent >= 0 and credit_percent <= 100),
    primary key (service, below_percent)
);
