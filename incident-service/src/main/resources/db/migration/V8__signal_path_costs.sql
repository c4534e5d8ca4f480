-- Cheaper writes and reads on the signal path (issue 7, measured with pg_stat_statements in the flapping benchmark,
-- scripts/bench/signals-wrk.sh: every statement of a batch's transaction, about 140 batches per second).

-- The end of a service's latest closed outage (a batch reads it for each open outage; OutageService's
-- findLastClosed and lastEndExcept sort by it): without this index each read went through every outage the service
-- ever had.
create index outage_service_ended_idx on outage (service, ended_at) where ended_at is not null;

-- A state's signal is inserted in the same transaction as the state (or earlier) and signals are never deleted, so
-- the foreign key only cost a lookup and a row lock of that signal per state written: 0.77 of 2.1 ms for 20 states.
alter table target_region_state drop constraint target_region_state_signal_id_fkey;

-- No statement reads signals by (target, region) or by (service, received_at); pending ones are found through
-- region_signal_pending_idx (V7) and ids through the primary key. Each index cost an insertion per signal stored and
-- per signal settled (the pending flag is indexed, so those updates are not HOT).
drop index region_signal_target_region_idx;
drop index region_signal_service_idx;
