-- Edited by hand: existing streams get their sort time from the rule (`streamSortTime`).
ALTER TABLE "live_streams" ADD COLUMN "sort_at" timestamp (3);--> statement-breakpoint
UPDATE "live_streams" SET "sort_at" = coalesce("started_at", "scheduled_for", 'epoch'::timestamp);--> statement-breakpoint
ALTER TABLE "live_streams" ALTER COLUMN "sort_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "live_streams_creator_sort" ON "live_streams" USING btree ("creator_id","sort_at","id");
