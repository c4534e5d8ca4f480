-- SLA reports anchored on an EVM chain: the SHA-256 of the report's canonical JSON sent as transaction data.
-- A row is written only after the transaction was mined (never half-way), and never updated.
create sequence sla_anchor_seq start with 1 increment by 50;

create table sla_anchor (
    id               bigint       primary key,
    service          varchar(128) not null,
    period_from      timestamptz  not null,
    period_to        timestamptz  not null,
    digest           varchar(66)  not null check (digest ~ '^0x[0-9a-f]{64}$'),
    canonical_report text         not null,
    chain_id         bigint       not null check (chain_id > 0),
    tx_hash          varchar(66)  not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number     bigint       not null check (block_number >= 0),
    block_hash       varchar(66)  not null check (block_hash ~ '^0x[0-9a-f]{64}$'),
    sender           varchar(42)  not null check (sender ~ '^0x[0-9a-f]{40}$'),
    recipient        varchar(42)  not null check (recipient ~ '^0x[0-9a-f]{40}$'),
    created_at       timestamptz  not null,
    constraint sla_anchor_period check (period_from < period_to),
    constraint sla_anchor_tx unique (chain_id, tx_hash)
);

create index sla_anchor_service on sla_anchor (service, id desc);
