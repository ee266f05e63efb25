-- The creators' text search (kit/db/text-search.ts makes these statements from the index's description).
CREATE INDEX "users_search" ON "users" USING gin ((to_tsvector('simple'::regconfig, regexp_replace(coalesce("handle", '') || ' ' || coalesce("display_name", '') || ' ' || coalesce("bio", ''), '[^[:alnum:]]+', ' ', 'g'))));
