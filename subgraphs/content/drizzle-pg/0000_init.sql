CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "live_event_topics" (
	"topic" text PRIMARY KEY NOT NULL,
	"last_seq" integer NOT NULL,
	"pruned_through" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_events" (
	"topic" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "live_events_topic_seq_pk" PRIMARY KEY("topic","seq")
);
--> statement-breakpoint
CREATE TABLE "live_streams" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"viewer_count" integer DEFAULT 0 NOT NULL,
	"scheduled_for" timestamp (3),
	"started_at" timestamp (3),
	"ended_at" timestamp (3)
);
--> statement-breakpoint
CREATE TABLE "used_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_likes" (
	"user_id" text NOT NULL,
	"video_id" text NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "video_likes_video_id_user_id_pk" PRIMARY KEY("video_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "videos" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"caption" text NOT NULL,
	"duration_seconds" integer NOT NULL,
	"thumbnail_url" text NOT NULL,
	"playback_url" text NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"hashtags" jsonb NOT NULL,
	"published_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "video_likes" ADD CONSTRAINT "video_likes_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_events_created" ON "live_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "live_streams_creator" ON "live_streams" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "live_streams_status_viewers" ON "live_streams" USING btree ("status","viewer_count");--> statement-breakpoint
CREATE INDEX "videos_creator_published" ON "videos" USING btree ("creator_id","published_at");--> statement-breakpoint
CREATE INDEX "videos_published_id" ON "videos" USING btree ("published_at","id");