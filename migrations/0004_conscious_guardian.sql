ALTER TABLE `bureau_year_scores` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `bureau_year_scores_version_idx` ON `bureau_year_scores` (`year`,`version`);