ALTER TABLE "bureau_year_scores" ALTER COLUMN "valid_from" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "bureau_year_scores" ALTER COLUMN "valid_until" SET DATA TYPE bigint;