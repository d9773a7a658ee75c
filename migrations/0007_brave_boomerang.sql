CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bureau_id` integer NOT NULL,
	`year` integer NOT NULL,
	`submission_id` integer,
	`indicator_code` text,
	`ledger_type` text,
	`ledger_id` integer,
	`rectification_id` integer,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`type` text NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`deleted_at` text,
	`deleted_by` integer,
	FOREIGN KEY (`bureau_id`) REFERENCES `bureaus`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deleted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_files_target_check" CHECK((("evidence_files"."submission_id" is not null and "evidence_files"."indicator_code" is not null) + ("evidence_files"."ledger_type" is not null and "evidence_files"."ledger_id" is not null) + ("evidence_files"."rectification_id" is not null)) = 1),
	CONSTRAINT "evidence_files_size_check" CHECK("evidence_files"."size" >= 0)
);
--> statement-breakpoint
CREATE INDEX `evidence_files_bureau_year_idx` ON `evidence_files` (`bureau_id`,`year`);--> statement-breakpoint
CREATE INDEX `evidence_files_submission_idx` ON `evidence_files` (`submission_id`,`indicator_code`);--> statement-breakpoint
CREATE INDEX `evidence_files_sha256_idx` ON `evidence_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `review_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`indicator_code` text,
	`ledger_type` text,
	`ledger_id` integer,
	`file_id` integer,
	`reply_to` integer,
	`text` text NOT NULL,
	`author_id` integer,
	`author_side` text NOT NULL,
	`at` text NOT NULL,
	`event_id` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `evidence_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reply_to`) REFERENCES `review_comments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `submission_events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "review_comments_text_check" CHECK(length("review_comments"."text") > 0),
	CONSTRAINT "review_comments_author_side_check" CHECK(author_side in ('office', 'bureau'))
);
--> statement-breakpoint
CREATE INDEX `review_comments_submission_idx` ON `review_comments` (`submission_id`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_submission_values` (
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
	CONSTRAINT "submission_values_source_check" CHECK(source in ('manual', 'ledger', 'import', 'excel'))
);
--> statement-breakpoint
INSERT INTO `__new_submission_values`("submission_id", "indicator_code", "value", "not_applicable", "note", "source", "updated_by", "updated_at") SELECT "submission_id", "indicator_code", "value", "not_applicable", "note", "source", "updated_by", "updated_at" FROM `submission_values`;--> statement-breakpoint
DROP TABLE `submission_values`;--> statement-breakpoint
ALTER TABLE `__new_submission_values` RENAME TO `submission_values`;--> statement-breakpoint
-- The rebuild drops the table's triggers: the dashboard's dirty marks (migration 0003) come back unchanged.
CREATE TRIGGER `submission_values_dashboard_insert` AFTER INSERT ON `submission_values`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submission_values_dashboard_update` AFTER UPDATE ON `submission_values`
WHEN NEW.value IS NOT OLD.value OR NEW.not_applicable IS NOT OLD.not_applicable OR NEW.submission_id IS NOT OLD.submission_id OR NEW.indicator_code IS NOT OLD.indicator_code
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = NEW.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submission_values_dashboard_delete` AFTER DELETE ON `submission_values`
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) SELECT year, bureau_id FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) SELECT year, 1 FROM submissions WHERE id = OLD.submission_id ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `bureaus` ADD `file_quota_mb` integer;--> statement-breakpoint
ALTER TABLE `scheme_indicators` ADD `evidence_required` integer DEFAULT false NOT NULL;