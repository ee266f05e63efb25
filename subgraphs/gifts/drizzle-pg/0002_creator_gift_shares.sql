CREATE TABLE "creator_gift_shares" (
	"creator_id" text PRIMARY KEY NOT NULL,
	"diamonds" integer NOT NULL,
	"coins" integer NOT NULL,
	"note" text,
	"updated_at" timestamp (3) NOT NULL,
	CONSTRAINT "creator_gift_shares_fraction" CHECK ("creator_gift_shares"."diamonds" > 0 and "creator_gift_shares"."coins" > 0 and "creator_gift_shares"."diamonds" <= "creator_gift_shares"."coins")
);
--> statement-breakpoint
ALTER TABLE "live_gift_sends" ADD COLUMN "share_diamonds" integer;--> statement-breakpoint
ALTER TABLE "live_gift_sends" ADD COLUMN "share_coins" integer;