-- Probe catalogue: settings of the http, websocket and evm-contract kinds as JSON text (the shapes of
-- io.downtime.probe.probe.TargetSpec.Http / .WebSocket / .Contract). Request header values in them are secrets:
-- stored and used, never returned by the API.
alter table target add column http_settings text;
alter table target add column websocket_settings text;
alter table target add column contract_settings text;

-- the single expected status of foundation http targets becomes a status set
update target
   set http_settings = '{"expectedStatus":[' || coalesce(http_expected_status, 200) || ']}'
 where kind = 'HTTP';
alter table target drop column http_expected_status;
