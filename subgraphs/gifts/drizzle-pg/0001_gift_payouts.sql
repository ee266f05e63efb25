CREATE TABLE "creator_balances" (
	"creator_id" text PRIMARY KEY NOT NULL,
	"diamonds" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) NOT NULL,
	CONSTRAINT "creator_balances_diamonds_not_negative" CHECK ("creator_balances"."diamonds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gift_payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"diamonds" integer NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"diamonds_per_dollar" integer NOT NULL,
	"payout_method" text,
	"status" text NOT NULL,
	"provider_payout_id" text,
	"failure_reason" text,
	"created_at" timestamp (3) NOT NULL,
	"settled_at" timestamp (3),
	CONSTRAINT "gift_payouts_provider_payout_id_unique" UNIQUE("provider_payout_id"),
	CONSTRAINT "gift_payouts_diamonds_positive" CHECK ("gift_payouts"."diamonds" > 0),
	CONSTRAINT "gift_payouts_amount_positive" CHECK ("gift_payouts"."amount" > 0),
	CONSTRAINT "gift_payouts_status" CHECK ("gift_payouts"."status" in ('REQUESTED', 'PAID', 'FAILED'))
);
--> statement-breakpoint
CREATE INDEX "gift_payouts_creator" ON "gift_payouts" USING btree ("creator_id","created_at","id");--> statement-breakpoint
-- Every diamond credited before payouts existed is payable: each creator's balance starts at their sends' sum.
INSERT INTO "creator_balances" ("creator_id", "diamonds", "updated_at") SELECT "creator_id", sum("diamonds"), max("created_at") FROM "live_gift_sends" GROUP BY "creator_id";
