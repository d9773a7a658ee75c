CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text,
	`bureau_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`password_changed_at` text,
	`totp_secret` text,
	`totp_pending_secret` text,
	`totp_last_step` integer,
	`recovery_codes` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK(role in ('office', 'leader', 'bureau', 'sysadmin', 'secadmin', 'auditor')),
	CONSTRAINT "users_bureau_check" CHECK((coalesce("__new_users"."role", '') = 'bureau') = ("__new_users"."bureau_id" is not null))
);
--> statement-breakpoint
-- Hand-edited: drizzle-kit selected the new columns from the old table.
INSERT INTO `__new_users`("id", "username", "display_name", "password_hash", "role", "bureau_id", "active", "must_change_password", "failed_logins", "locked_until", "password_changed_at", "version", "created_at") SELECT "id", "username", "display_name", "password_hash", "role", "bureau_id", "active", "must_change_password", "failed_logins", "locked_until", "password_changed_at", "version", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_bureau_idx` ON `users` (`bureau_id`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `hash` text;--> statement-breakpoint
CREATE TABLE `__new_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`pending_factor` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sessions_pending_factor_check" CHECK("__new_sessions"."pending_factor" is null or pending_factor in ('verify', 'enrol'))
);
--> statement-breakpoint
INSERT INTO `__new_sessions`("id", "user_id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent") SELECT "id", "user_id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent" FROM `sessions`;--> statement-breakpoint
DROP TABLE `sessions`;--> statement-breakpoint
ALTER TABLE `__new_sessions` RENAME TO `sessions`;--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
-- Hand-written: the audit log's hash chain (server/src/db/audit-chain.ts registers audit_row_hash, an
-- HMAC-SHA256 of a row and the hash before it). A row is appended only with the next id, the last
-- row's hash as prev_hash and its own right hash: REPLACE (an existing id) and forged rows are refused.
CREATE TRIGGER `audit_events_append_only` BEFORE INSERT ON `audit_events`
WHEN NEW.id IS NULL OR NEW.id <= coalesce((SELECT max(`id`) FROM `audit_events`), 0)
  OR NEW.prev_hash IS NOT (SELECT `hash` FROM `audit_events` ORDER BY `id` DESC LIMIT 1)
  OR NEW.hash IS NOT audit_row_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.user_id, NEW.username, NEW.ip, NEW.action, NEW.object_type, NEW.object_id, NEW.success, NEW.before, NEW.after)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--> statement-breakpoint
DROP TRIGGER `audit_events_no_update`;
--> statement-breakpoint
-- The one update allowed: sealing, once, the rows written before the chain existed, in id order and
-- with nothing but prev_hash and hash changing.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
WHEN OLD.hash IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id OR NEW.username IS NOT OLD.username OR NEW.ip IS NOT OLD.ip OR NEW.action IS NOT OLD.action OR NEW.object_type IS NOT OLD.object_type OR NEW.object_id IS NOT OLD.object_id OR NEW.success IS NOT OLD.success OR NEW.before IS NOT OLD.before OR NEW.after IS NOT OLD.after
  OR EXISTS (SELECT 1 FROM `audit_events` WHERE `id` > OLD.id AND `hash` IS NOT NULL)
  OR NEW.prev_hash IS NOT (SELECT `hash` FROM `audit_events` WHERE `id` < OLD.id ORDER BY `id` DESC LIMIT 1)
  OR NEW.hash IS NOT audit_row_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.user_id, NEW.username, NEW.ip, NEW.action, NEW.object_type, NEW.object_id, NEW.success, NEW.before, NEW.after)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
