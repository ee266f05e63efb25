CREATE TABLE "creator_counts" (
	"creator_id" text PRIMARY KEY NOT NULL,
	"video_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "like_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A store made before the counts were kept: count its videos and likes once.
INSERT INTO "creator_counts" ("creator_id", "video_count") SELECT "creator_id", count(*) FROM "videos" GROUP BY "creator_id";--> statement-breakpoint
UPDATE "videos" SET "like_count" = (SELECT count(*) FROM "video_likes" WHERE "video_likes"."video_id" = "videos"."id");