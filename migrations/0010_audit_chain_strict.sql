-- Hand-written: a row continues the audit chain only with the very next id (no gap: the id says
-- where it stands) and a time no earlier than the last row's (server/src/db/audit-chain.ts writes
-- the later of now and that time), besides the last row's hash as prev_hash and its own right hash.
DROP TRIGGER `audit_events_append_only`;
--> statement-breakpoint
CREATE TRIGGER `audit_events_append_only` BEFORE INSERT ON `audit_events`
WHEN NEW.id IS NOT coalesce((SELECT max(`id`) FROM `audit_events`), 0) + 1
  OR NEW.at IS NULL OR NEW.at < coalesce((SELECT `at` FROM `audit_events` ORDER BY `id` DESC LIMIT 1), '')
  OR NEW.prev_hash IS NOT (SELECT `hash` FROM `audit_events` ORDER BY `id` DESC LIMIT 1)
  OR NEW.hash IS NOT audit_row_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.user_id, NEW.username, NEW.ip, NEW.action, NEW.object_type, NEW.object_id, NEW.success, NEW.before, NEW.after)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
