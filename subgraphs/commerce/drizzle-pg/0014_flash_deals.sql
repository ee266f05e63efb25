CREATE TABLE "flash_deal_buyers" (
	"deal_id" text NOT NULL,
	"buyer_id" text NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "flash_deal_buyers_deal_id_buyer_id_pk" PRIMARY KEY("deal_id","buyer_id")
);
--> statement-breakpoint
CREATE TABLE "flash_deals" (
	"id" text PRIMARY KEY NOT NULL,
	"live_stream_id" text NOT NULL,
	"product_id" text NOT NULL,
	"deal_price_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"units_left" integer NOT NULL,
	"units_returned" integer DEFAULT 0 NOT NULL,
	"per_buyer_limit" integer NOT NULL,
	"status" text NOT NULL,
	"ended_reason" text,
	"starts_at" timestamp (3) NOT NULL,
	"ends_at" timestamp (3) NOT NULL,
	"due_at" timestamp (3),
	"announced_at" timestamp (3),
	"announced_units" integer,
	"units_announce_due_at" timestamp (3),
	"created_by" text NOT NULL,
	"created_at" timestamp (3) NOT NULL,
	CONSTRAINT "flash_deals_units" CHECK ("flash_deals"."units_left" >= 0 and "flash_deals"."units_left" <= "flash_deals"."quantity")
);
--> statement-breakpoint
ALTER TABLE "flash_deal_buyers" ADD CONSTRAINT "flash_deal_buyers_deal_id_flash_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."flash_deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_deals" ADD CONSTRAINT "flash_deals_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flash_deals_open_per_product" ON "flash_deals" USING btree ("live_stream_id","product_id") WHERE "flash_deals"."status" <> 'ENDED';--> statement-breakpoint
CREATE INDEX "flash_deals_due" ON "flash_deals" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "flash_deals_units_announce_due" ON "flash_deals" USING btree ("units_announce_due_at") WHERE "flash_deals"."units_announce_due_at" is not null;--> statement-breakpoint
CREATE INDEX "flash_deals_product" ON "flash_deals" USING btree ("product_id");