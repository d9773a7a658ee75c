CREATE TABLE `result_versions` (
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` integer,
	`figures` text NOT NULL,
	`changes` text NOT NULL,
	PRIMARY KEY(`year`, `version`),
	FOREIGN KEY (`year`) REFERENCES `cycles`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `submission_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`action` text NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`reason` text,
	`resubmit_deadline` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "submission_events_action_check" CHECK(action in ('submit', 'return', 'resubmit', 'approve', 'reopen'))
);
--> statement-breakpoint
CREATE INDEX `submission_events_submission_idx` ON `submission_events` (`submission_id`,`id`);--> statement-breakpoint
ALTER TABLE `bureau_year_scores` ADD `first_submitted_at` text;--> statement-breakpoint
ALTER TABLE `bureau_year_scores` ADD `late_resubmissions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `bureau_year_scores` ADD `rect_pending` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cycles` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `plausible_min` real;--> statement-breakpoint
ALTER TABLE `indicators` ADD `plausible_max` real;--> statement-breakpoint
ALTER TABLE `indicators` ADD `yoy_min_change` real;--> statement-breakpoint
ALTER TABLE `legality_reviews` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `publicity_events` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `rectification_items` ADD `source_import_id` integer REFERENCES report_imports(id);--> statement-breakpoint
ALTER TABLE `rectification_items` ADD `verified_at` text;--> statement-breakpoint
ALTER TABLE `rectification_items` ADD `verified_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `rectification_items` ADD `return_reason` text;--> statement-breakpoint
ALTER TABLE `rectification_items` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `study_sessions` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `first_submitted_at` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `resubmit_deadline` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `late_resubmissions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Review history of the reports already in, from the audit log where it has their steps: the
-- first submission on record is the earliest 'submission.submit' (a resubmission used to overwrite
-- submitted_at), and each logged submit, return, approve and reopen becomes a step of the history.
UPDATE `submissions` SET `first_submitted_at` = coalesce(
  (SELECT min(a.`at`) FROM `audit_events` a
    WHERE a.`action` = 'submission.submit' AND a.`object_type` = 'submission' AND a.`object_id` = CAST(`submissions`.`id` AS TEXT) AND a.`success` = 1),
  `submitted_at`)
WHERE `submitted_at` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `submission_events` (`submission_id`, `action`, `at`, `user_id`, `reason`)
  SELECT s.`id`,
         CASE a.`action`
           WHEN 'submission.submit' THEN CASE WHEN row_number() OVER (PARTITION BY s.`id`, a.`action` ORDER BY a.`id`) = 1 THEN 'submit' ELSE 'resubmit' END
           WHEN 'submission.return' THEN 'return'
           WHEN 'submission.approve' THEN 'approve'
           ELSE 'reopen'
         END,
         a.`at`, a.`user_id`,
         CASE WHEN a.`action` = 'submission.return' THEN json_extract(a.`after`, '$.returnReason') END
    FROM `audit_events` a JOIN `submissions` s ON a.`object_id` = CAST(s.`id` AS TEXT)
   WHERE a.`object_type` = 'submission' AND a.`success` = 1
     AND a.`action` IN ('submission.submit', 'submission.return', 'submission.approve', 'submission.reopen')
   ORDER BY a.`id`;
--> statement-breakpoint
-- Reports without logged steps (loaded in bulk): the steps their rows still show.
INSERT INTO `submission_events` (`submission_id`, `action`, `at`, `user_id`)
  SELECT `id`, 'submit', `first_submitted_at`, NULL FROM `submissions`
   WHERE `first_submitted_at` IS NOT NULL AND `id` NOT IN (SELECT `submission_id` FROM `submission_events`) ORDER BY `first_submitted_at`;
--> statement-breakpoint
INSERT INTO `submission_events` (`submission_id`, `action`, `at`, `user_id`, `reason`)
  SELECT `id`, 'return', `updated_at`, NULL, `return_reason` FROM `submissions`
   WHERE `status` = 'returned' AND `id` NOT IN (SELECT `submission_id` FROM `submission_events` WHERE `action` <> 'submit');
--> statement-breakpoint
INSERT INTO `submission_events` (`submission_id`, `action`, `at`, `user_id`)
  SELECT `id`, 'approve', `approved_at`, `approved_by` FROM `submissions`
   WHERE `status` = 'approved' AND `approved_at` IS NOT NULL AND `id` NOT IN (SELECT `submission_id` FROM `submission_events` WHERE `action` <> 'submit');
--> statement-breakpoint
-- Items done before verification (销号) existed were accepted as done: they stay counted.
UPDATE `rectification_items` SET `verified_at` = `completed_at` WHERE `status` = 'done';
--> statement-breakpoint
CREATE TRIGGER `submission_events_no_update` BEFORE UPDATE ON `submission_events`
BEGIN
  SELECT RAISE(ABORT, 'submission_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `result_versions_no_update` BEFORE UPDATE ON `result_versions`
BEGIN
  SELECT RAISE(ABORT, 'result_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `result_versions_no_delete` BEFORE DELETE ON `result_versions`
BEGIN
  SELECT RAISE(ABORT, 'result_versions is append-only');
END;
--> statement-breakpoint
DROP TRIGGER `submissions_dashboard_update`;
--> statement-breakpoint
CREATE TRIGGER `submissions_dashboard_update` AFTER UPDATE ON `submissions`
WHEN NEW.status IS NOT OLD.status OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.first_submitted_at IS NOT OLD.first_submitted_at OR NEW.late_resubmissions IS NOT OLD.late_resubmissions OR NEW.published_at IS NOT OLD.published_at OR NEW.year IS NOT OLD.year OR NEW.bureau_id IS NOT OLD.bureau_id
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (NEW.year, NEW.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (OLD.year, OLD.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER `rectification_items_dashboard_update`;
--> statement-breakpoint
CREATE TRIGGER `rectification_items_dashboard_update` AFTER UPDATE ON `rectification_items`
WHEN NEW.status IS NOT OLD.status OR NEW.verified_at IS NOT OLD.verified_at OR NEW.deadline IS NOT OLD.deadline OR NEW.year IS NOT OLD.year OR NEW.bureau_id IS NOT OLD.bureau_id
BEGIN
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (NEW.year, NEW.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO bureau_year_scores (year, bureau_id) VALUES (OLD.year, OLD.bureau_id) ON CONFLICT (year, bureau_id) DO UPDATE SET dirty = 1 WHERE dirty = 0;
  INSERT INTO dashboard_versions (year, version) VALUES (NEW.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
  INSERT INTO dashboard_versions (year, version) VALUES (OLD.year, 1) ON CONFLICT (year) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
-- Every pre-aggregated row is scored again with the new columns.
UPDATE `bureau_year_scores` SET `dirty` = 1;
--> statement-breakpoint
UPDATE `dashboard_versions` SET `version` = `version` + 1;
