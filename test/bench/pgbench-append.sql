-- The PostgreSQL store's commit of one task event, as pgbench runs it (`npm run bench`): the ceiling
-- of this server on this machine for the transaction PgStore.append makes.
\set task random(1, 64)
BEGIN;
SELECT pg_advisory_xact_lock(73100002);
SELECT coalesce(max(stream_version), 0) FROM tiendo_events WHERE stream_kind = 'task' AND stream_id = 'bench-' || :task;
SELECT position, hash FROM tiendo_events ORDER BY position DESC LIMIT 1;
INSERT INTO tiendo_events (position, stream_kind, stream_id, stream_version, plan_id, type, at, body, hash)
  SELECT coalesce(max(position), 0) + 1, 'task', 'bench-' || :task,
         (SELECT coalesce(max(stream_version), 0) + 1 FROM tiendo_events WHERE stream_kind = 'task' AND stream_id = 'bench-' || :task),
         'bench', 'SUBMIT', now(),
         '{"seq":0,"at":"2026-11-30T00:00:00.000Z","kind":"task","planId":"bench","taskId":"t","type":"SUBMIT","by":{"id":"u","username":"u"},"from":"inProgress","to":"inReview","mv":2,"payload":{"evidence":"Báo cáo số 01/BC"},"snapshot":{"v":2,"value":"inReview","context":{"ownerUnitId":"U001","evidence":"Báo cáo số 01/BC"}}}',
         md5(random()::text) || md5(random()::text)
  FROM tiendo_events;
SELECT pg_notify('tiendo_events_bench', '1');
END;
