ALTER TABLE "users" ADD COLUMN "follower_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "following_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A store made before the counts were kept: count its follows once.
UPDATE "users" SET "follower_count" = (SELECT count(*) FROM "follows" WHERE "follows"."followee_id" = "users"."id"), "following_count" = (SELECT count(*) FROM "follows" WHERE "follows"."follower_id" = "users"."id");