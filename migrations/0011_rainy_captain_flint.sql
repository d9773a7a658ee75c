CREATE TABLE `chase_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`bureau_id` integer NOT NULL,
	`level` text NOT NULL,
	`status` text NOT NULL,
	`days_overdue` integer NOT NULL,
	`user_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "chase_records_level_check" CHECK(level in ('remind', 'chase', 'warn'))
);
--> statement-breakpoint
CREATE INDEX `chase_records_year_idx` ON `chase_records` (`year`,`bureau_id`,`id`);--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` integer NOT NULL,
	`channel` text NOT NULL,
	`address` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`delivered_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notification_deliveries_channel_check" CHECK(channel in ('email', 'webhook')),
	CONSTRAINT "notification_deliveries_status_check" CHECK(status in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `notification_deliveries_due_idx` ON `notification_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notification_deliveries_notification_idx` ON `notification_deliveries` (`notification_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`year` integer,
	`bureau_id` integer,
	`chase_id` integer,
	`dedupe_key` text,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chase_id`) REFERENCES `chase_records`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notifications_kind_check" CHECK(kind in ('returned', 'approved', 'commented', 'due', 'overdue', 'verified', 'published', 'chase'))
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_idx` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_chase_idx` ON `notifications` (`chase_id`);--> statement-breakpoint
ALTER TABLE `submission_events` ADD `snapshot` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `users` ADD `mobile` text;--> statement-breakpoint
ALTER TABLE `users` ADD `notification_channels` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `workbench_seen_at` text;