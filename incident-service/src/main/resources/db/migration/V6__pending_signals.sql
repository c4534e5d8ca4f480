-- Signals stored and acknowledged before they are applied (issue 7): while a service's outage change is being
-- applied, its later signals are stored with pending = true and applied by a later transaction, in arrival order.
-- While pending, applied says nothing yet; a crashed replica's pending signals are applied by any replica's sweep.
alter table region_signal add column pending boolean not null default false;
create index region_signal_pending_idx on region_signal (received_at) where pending;
