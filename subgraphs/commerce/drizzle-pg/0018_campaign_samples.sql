CREATE TABLE "campaign_fees" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"payable_at" timestamp (3) NOT NULL,
	"payout_id" text,
	CONSTRAINT "campaign_fees_amount_positive" CHECK ("campaign_fees"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "campaign_samples" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"brand_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"product_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp (3) NOT NULL,
	"decide_by" timestamp (3) NOT NULL,
	"decided_at" timestamp (3),
	"carrier" text,
	"tracking_number" text,
	"shipped_at" timestamp (3),
	"delivered_at" timestamp (3),
	"delivered_by" text,
	"content_due_at" timestamp (3),
	"fulfilled_at" timestamp (3),
	"content_kind" text,
	"content_id" text
);
--> statement-breakpoint
CREATE TABLE "creator_fulfilment" (
	"creator_id" text PRIMARY KEY NOT NULL,
	"fulfilled" integer DEFAULT 0 NOT NULL,
	"missed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_fees" ADD CONSTRAINT "campaign_fees_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_fees" ADD CONSTRAINT "campaign_fees_payout_id_commission_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."commission_payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_samples" ADD CONSTRAINT "campaign_samples_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_samples" ADD CONSTRAINT "campaign_samples_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_fees_one" ON "campaign_fees" USING btree ("campaign_id","creator_id");--> statement-breakpoint
CREATE INDEX "campaign_fees_creator" ON "campaign_fees" USING btree ("creator_id","payable_at","id");--> statement-breakpoint
CREATE INDEX "campaign_fees_payout" ON "campaign_fees" USING btree ("payout_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_samples_one" ON "campaign_samples" USING btree ("campaign_id","creator_id","product_id");--> statement-breakpoint
CREATE INDEX "campaign_samples_creator" ON "campaign_samples" USING btree ("creator_id","requested_at","id");--> statement-breakpoint
CREATE INDEX "campaign_samples_campaign" ON "campaign_samples" USING btree ("campaign_id","requested_at","id");--> statement-breakpoint
CREATE INDEX "campaign_samples_due" ON "campaign_samples" USING btree ("status","content_due_at");--> statement-breakpoint
CREATE INDEX "campaign_samples_product" ON "campaign_samples" USING btree ("product_id");