-- evm-node checks beyond chain id / syncing / head age (issue 3, helper p2). All nullable: null = check off.
alter table target add column evm_max_block_lag           integer;
alter table target add column evm_max_block_lag_down      integer;
alter table target add column evm_reference_url           varchar(2048);
alter table target add column evm_max_finality_lag_blocks integer;
alter table target add column evm_congested_above_gwei    numeric(30, 9);
alter table target add column evm_min_peers               integer;
alter table target add column evm_latency_anomaly         boolean;
