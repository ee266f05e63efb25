CREATE TABLE "brand_topics" (
	"brand_id" text NOT NULL,
	"topic" text NOT NULL,
	CONSTRAINT "brand_topics_topic_brand_id_pk" PRIMARY KEY("topic","brand_id")
);
--> statement-breakpoint
CREATE TABLE "product_sales" (
	"product_id" text PRIMARY KEY NOT NULL,
	"units" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brand_topics" ADD CONSTRAINT "brand_topics_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_sales_units" ON "product_sales" USING btree ("units","product_id");