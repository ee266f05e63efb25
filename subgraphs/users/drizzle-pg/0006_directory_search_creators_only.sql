-- The creators directory's text index holds creators only, so a search reads its matches among them
-- alone (kit/db/text-search.ts makes these statements from the index's description).
DROP INDEX "users_search";--> statement-breakpoint
CREATE INDEX "users_search" ON "users" USING gin ((to_tsvector('simple'::regconfig, regexp_replace(coalesce("handle", '') || ' ' || coalesce("display_name", '') || ' ' || coalesce("bio", ''), '[^[:alnum:]]+', ' ', 'g')))) WHERE "is_creator" = true;
