-- SLO engine (issue 5): calendar windows, what counts, several revenue models, monthly fee, SLI queries.

-- Calendar windows: window_days keeps the nominal length (30 for calendar-month, 7 for calendar-week).
alter table sla add column calendar_window varchar(16)
    check (calendar_window in ('calendar-month', 'calendar-week'));
alter table sla add column time_zone varchar(64) not null default 'UTC';

-- What counts.
alter table sla add column degraded_weight numeric not null default 0
    check (degraded_weight >= 0 and degraded_weight <= 1);
-- Excluded outage causes, comma-separated in the order given ('' for none).
alter table sla add column exclude_causes varchar(256) not null default '';
alter table sla add column min_outage_seconds bigint not null default 0
    check (min_outage_seconds between 0 and 86400);

-- Money: the bill credits apply to.
alter table sla add column monthly_fee_amount numeric check (monthly_fee_amount >= 0);
alter table sla add column monthly_fee_currency varchar(10);
alter table sla add constraint sla_monthly_fee_complete
    check ((monthly_fee_amount is null) = (monthly_fee_currency is null));

-- PromQL SLI of the generated Prometheus rules (both or neither; null = probe-service defaults).
alter table sla add column sli_error_query text;
alter table sla add column sli_total_query text;
alter table sla add constraint sla_sli_complete check ((sli_error_query is null) = (sli_total_query is null));

-- Revenue models, any number, summed; revenue_form says how they were given: null (none), 'object' or 'list'.
alter table sla add column revenue_form varchar(8) check (revenue_form in ('object', 'list'));
create table sla_revenue_model (
    service                 varchar(128) not null references sla (service) on delete cascade,
    position                integer      not null check (position >= 0),
    model                   varchar(16)  not null check (model in ('flat', 'volume', 'transactions')),
    currency                varchar(10)  not null,
    amount_per_hour         numeric      check (amount_per_hour >= 0),
    -- volume per hour as comma-separated decimal strings: 24 (hour of day) or 168 (hour of week, Monday first)
    hourly_volume           text,
    fee_rate                numeric      check (fee_rate >= 0 and fee_rate <= 1),
    transactions_per_minute numeric      check (transactions_per_minute >= 0),
    revenue_per_transaction numeric      check (revenue_per_transaction >= 0),
    primary key (service, position),
    constraint sla_revenue_model_fields check (
        (model = 'flat' and amount_per_hour is not null and hourly_volume is null and fee_rate is null
            and transactions_per_minute is null and revenue_per_transaction is null)
        or (model = 'volume' and amount_per_hour is null and hourly_volume is not null and fee_rate is not null
            and transactions_per_minute is null and revenue_per_transaction is null)
        or (model = 'transactions' and amount_per_hour is null and hourly_volume is null and fee_rate is null
            and transactions_per_minute is not null and revenue_per_transaction is not null))
);

-- The foundation's single flat model moves to the new table.
insert into sla_revenue_model (service, position, model, currency, amount_per_hour)
    select service, 0, revenue_model, revenue_currency, revenue_amount_per_hour from sla where revenue_model is not null;
update sla set revenue_form = 'object' where revenue_model is not null;
alter table sla drop constraint sla_revenue_complete;
alter table sla drop column revenue_model;
alter table sla drop column revenue_amount_per_hour;
alter table sla drop column revenue_currency;
