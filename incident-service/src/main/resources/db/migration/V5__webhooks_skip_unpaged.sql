-- Webhooks notify on the state changes of incidents that page: an incident with paged = false (a cascade linked to
-- its root incident, an outage that started inside a maintenance window) changes its timeline but sends nothing.
create or replace function webhook_delivery_enqueue() returns trigger
    language plpgsql as
$$
declare
    snapshot_incident jsonb;
    incident_service  varchar(200);
begin
    select to_jsonb(i), i.service into snapshot_incident, incident_service from incident i where i.id = new.incident_id;
    insert into webhook_delivery (subscription_id, timeline_entry_id, incident_id, event_type, snapshot)
    select s.id, new.id, new.incident_id, 'incident.' || lower(new.type),
           jsonb_build_object('entry', to_jsonb(new), 'incident', snapshot_incident)
      from webhook_subscription s
     where s.active and (s.service is null or s.service = incident_service)
       -- an incident that pages nobody (cascade linked to its root, outage inside a maintenance window) notifies nobody
       and coalesce((snapshot_incident ->> 'paged')::boolean, true)
    on conflict do nothing;
    return null;
end;
$$;
