CREATE INDEX "creator_catalogs_catalog" ON "creator_catalogs" USING btree ("catalog_id");--> statement-breakpoint
CREATE INDEX "order_lines_product" ON "order_lines" USING btree ("product_id");