DROP INDEX "live_gift_sends_stream_sender";--> statement-breakpoint
CREATE INDEX "live_gift_sends_stream_sender_event" ON "live_gift_sends" USING btree ("live_stream_id","sender_id","event_seq");