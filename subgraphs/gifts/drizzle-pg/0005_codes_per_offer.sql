ALTER TABLE "gift_offer_codes" DROP CONSTRAINT "gift_offer_codes_code_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "gift_offer_codes_offer_code" ON "gift_offer_codes" USING btree ("offer_id","code");--> statement-breakpoint
CREATE INDEX "gift_offers_brand" ON "gift_offers" USING btree ("brand_id","starts_at","id");