CREATE TABLE "creator_gifters" (
	"creator_id" text NOT NULL,
	"sender_id" text NOT NULL,
	"coins" integer DEFAULT 0 NOT NULL,
	"diamonds" integer DEFAULT 0 NOT NULL,
	"gift_count" integer DEFAULT 0 NOT NULL,
	"first_gift_at" timestamp (3) NOT NULL,
	CONSTRAINT "creator_gifters_creator_id_sender_id_pk" PRIMARY KEY("creator_id","sender_id")
);
--> statement-breakpoint
CREATE TABLE "live_stream_gift_totals" (
	"live_stream_id" text PRIMARY KEY NOT NULL,
	"coins" integer DEFAULT 0 NOT NULL,
	"diamonds" integer DEFAULT 0 NOT NULL,
	"gift_count" integer DEFAULT 0 NOT NULL,
	"gifter_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_stream_gifters" (
	"live_stream_id" text NOT NULL,
	"sender_id" text NOT NULL,
	"coins" integer DEFAULT 0 NOT NULL,
	"diamonds" integer DEFAULT 0 NOT NULL,
	"gift_count" integer DEFAULT 0 NOT NULL,
	"first_gift_at" timestamp (3) NOT NULL,
	CONSTRAINT "live_stream_gifters_live_stream_id_sender_id_pk" PRIMARY KEY("live_stream_id","sender_id")
);
--> statement-breakpoint
CREATE INDEX "creator_gifters_rank" ON "creator_gifters" USING btree ("creator_id","coins" DESC NULLS FIRST,"first_gift_at","sender_id");--> statement-breakpoint
CREATE INDEX "live_stream_gifters_rank" ON "live_stream_gifters" USING btree ("live_stream_id","coins" DESC NULLS FIRST,"first_gift_at","sender_id");--> statement-breakpoint
-- A store made before the totals and leaderboards were kept: sum its sends once.
INSERT INTO "live_stream_gift_totals" ("live_stream_id", "coins", "diamonds", "gift_count", "gifter_count") SELECT "live_stream_id", sum("coins"), sum("diamonds"), sum("quantity"), count(DISTINCT "sender_id") FROM "live_gift_sends" GROUP BY "live_stream_id";
--> statement-breakpoint
INSERT INTO "live_stream_gifters" ("live_stream_id", "sender_id", "coins", "diamonds", "gift_count", "first_gift_at") SELECT "live_stream_id", "sender_id", sum("coins"), sum("diamonds"), sum("quantity"), min("created_at") FROM "live_gift_sends" GROUP BY "live_stream_id", "sender_id";
--> statement-breakpoint
INSERT INTO "creator_gifters" ("creator_id", "sender_id", "coins", "diamonds", "gift_count", "first_gift_at") SELECT "creator_id", "sender_id", sum("coins"), sum("diamonds"), sum("quantity"), min("created_at") FROM "live_gift_sends" GROUP BY "creator_id", "sender_id";