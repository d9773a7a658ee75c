CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`user_id` integer,
	`username` text,
	`ip` text,
	`action` text NOT NULL,
	`object_type` text,
	`object_id` text,
	`success` integer DEFAULT true NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_user_idx` ON `audit_events` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `bureaus` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`type` text NOT NULL,
	`has_enforcement` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bureaus_code_unique` ON `bureaus` (`code`);--> statement-breakpoint
CREATE INDEX `bureaus_region_idx` ON `bureaus` (`region_id`);--> statement-breakpoint
CREATE INDEX `bureaus_type_idx` ON `bureaus` (`type`);--> statement-breakpoint
CREATE TABLE `cycles` (
	`year` integer PRIMARY KEY NOT NULL,
	`due_date` text NOT NULL,
	`publish_deadline` text NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `indicator_targets` (
	`year` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`target` real,
	`weight` real NOT NULL,
	PRIMARY KEY(`year`, `indicator_code`),
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "indicator_targets_weight_check" CHECK("indicator_targets"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE `indicators` (
	`code` text PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`kind` text NOT NULL,
	`direction` text,
	`default_target` real,
	`default_weight` real NOT NULL,
	`enforcement_only` integer DEFAULT false NOT NULL,
	`sort_order` integer NOT NULL,
	CONSTRAINT "indicators_kind_check" CHECK(kind in ('count', 'percent', 'boolean', 'derived')),
	CONSTRAINT "indicators_direction_check" CHECK("indicators"."direction" is null or direction in ('higher', 'lower')),
	CONSTRAINT "indicators_weight_check" CHECK("indicators"."default_weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE `legality_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`date` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`reviewer` text NOT NULL,
	`outcome` text NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "legality_reviews_kind_check" CHECK(kind in ('规范性文件', '重大行政决策', '合同协议', '重大执法决定')),
	CONSTRAINT "legality_reviews_reviewer_check" CHECK(reviewer in ('法律顾问', '公职律师', '司法局', '法制机构')),
	CONSTRAINT "legality_reviews_outcome_check" CHECK(outcome in ('通过', '修改后通过', '不予通过'))
);
--> statement-breakpoint
CREATE INDEX `legality_reviews_bureau_year_idx` ON `legality_reviews` (`bureau_id`,`year`);--> statement-breakpoint
CREATE TABLE `publicity_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`date` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`title` text NOT NULL,
	`form` text NOT NULL,
	`audience` integer DEFAULT 0 NOT NULL,
	`enterprises_covered` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "publicity_events_form_check" CHECK(form in ('宣讲', '下乡', '宣传日', '新媒体', '培训')),
	CONSTRAINT "publicity_events_counts_check" CHECK("publicity_events"."audience" >= 0 and "publicity_events"."enterprises_covered" >= 0)
);
--> statement-breakpoint
CREATE INDEX `publicity_events_bureau_year_idx` ON `publicity_events` (`bureau_id`,`year`);--> statement-breakpoint
CREATE TABLE `rectification_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`source_year` integer,
	`problem` text NOT NULL,
	`measure` text DEFAULT '' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`completed_at` text,
	`evidence` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rectification_items_status_check" CHECK(status in ('not_started', 'in_progress', 'done')),
	CONSTRAINT "rectification_items_done_check" CHECK(("rectification_items"."status" = 'done') = ("rectification_items"."completed_at" is not null))
);
--> statement-breakpoint
CREATE INDEX `rectification_items_year_bureau_idx` ON `rectification_items` (`year`,`bureau_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	FOREIGN KEY (`parent_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "regions_level_check" CHECK(level in ('province', 'city', 'county'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code_unique` ON `regions` (`code`);--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `study_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`date` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`topic` text NOT NULL,
	`form` text NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "study_sessions_form_check" CHECK(form in ('中心组学法', '集体学法', '会前学法', '专题讲座', '培训', '考试')),
	CONSTRAINT "study_sessions_participants_check" CHECK("study_sessions"."participants" >= 0)
);
--> statement-breakpoint
CREATE INDEX `study_sessions_bureau_year_idx` ON `study_sessions` (`bureau_id`,`year`);--> statement-breakpoint
CREATE TABLE `submission_values` (
	`submission_id` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`value` real,
	`not_applicable` integer DEFAULT false NOT NULL,
	`note` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`submission_id`, `indicator_code`),
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "submission_values_source_check" CHECK(source in ('manual', 'ledger', 'import'))
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`submitted_at` text,
	`approved_at` text,
	`approved_by` integer,
	`return_reason` text,
	`published_url` text,
	`published_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "submissions_status_check" CHECK(status in ('draft', 'submitted', 'returned', 'approved'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_bureau_year_uq` ON `submissions` (`bureau_id`,`year`);--> statement-breakpoint
CREATE INDEX `submissions_year_status_idx` ON `submissions` (`year`,`status`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`bureau_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`password_changed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK(role in ('office', 'leader', 'bureau', 'sysadmin', 'auditor')),
	CONSTRAINT "users_bureau_check" CHECK(("users"."role" = 'bureau') = ("users"."bureau_id" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_bureau_idx` ON `users` (`bureau_id`);