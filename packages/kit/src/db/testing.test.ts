/** The plan guard's reading of SQLite plans: what counts as reading or sorting a whole table. */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { wholeTableSteps } from './testing.ts';

describe('the plan guard', () => {
  const db = new Database(':memory:');
  db.exec('create table follows (follower_id text not null, followee_id text not null, created_at integer not null, primary key (follower_id, followee_id))');
  afterAll(() => db.close());
  const tables = new Set(['follows']);
  const page = "select follower_id from follows where followee_id = 'u1' order by created_at desc, follower_id desc limit 21";
  const stepsOf = (text: string) => wholeTableSteps(db.prepare(`explain query plan ${text}`).all() as { detail: string }[], tables);

  it('fails a page whose index stops before the tiebreak: the rows tied on the time are all sorted', () => {
    db.exec('create index follows_followee_created on follows (followee_id, created_at)');
    try {
      expect(stepsOf(page)).toEqual([expect.stringMatching(/^USE TEMP B-TREE FOR (RIGHT PART|LAST TERM) OF ORDER BY$/)]);
    } finally {
      db.exec('drop index follows_followee_created');
    }
  });

  it('passes the same page over an index that ends with the tiebreak, both ways', () => {
    db.exec('create index follows_followee_created_follower on follows (followee_id, created_at, follower_id)');
    try {
      expect(stepsOf(page)).toEqual([]);
      expect(stepsOf(page.replace('created_at desc, follower_id desc', 'created_at, follower_id'))).toEqual([]);
    } finally {
      db.exec('drop index follows_followee_created_follower');
    }
  });

  it('fails a full scan and a whole sort', () => {
    expect(stepsOf('select * from follows where created_at > 0')).toEqual(['SCAN follows']);
    expect(stepsOf('select * from follows order by created_at')).toContain('USE TEMP B-TREE FOR ORDER BY');
  });
});
