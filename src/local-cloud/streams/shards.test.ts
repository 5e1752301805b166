import { describe, expect, it } from 'vitest';
import { readyShards, type ShardInfo } from './shards.ts';

const shard = (shardId: string, parent?: string, closed = false): ShardInfo => ({ shardId, parents: parent ? [parent] : [], closed });

describe('readyShards', () => {
  it('holds a child back until its parent is finished (DynamoDB Local rolls shards every 4 h)', () => {
    const shards = [shard('parent', undefined, true), shard('child', 'parent')];

    expect(readyShards(shards, () => false).map((s) => s.shardId)).toEqual(['parent']);
    expect(readyShards(shards, (id) => id === 'parent').map((s) => s.shardId)).toEqual(['child']);
  });

  it('reads a child whose parent was trimmed from the stream', () => {
    const shards = [shard('child', 'trimmed-parent')];

    expect(readyShards(shards, () => false).map((s) => s.shardId)).toEqual(['child']);
  });

  it('walks a chain one generation at a time and ends when all are finished', () => {
    const shards = [shard('a', undefined, true), shard('b', 'a', true), shard('c', 'b')];
    const done = new Set(['a']);

    expect(readyShards(shards, (id) => done.has(id)).map((s) => s.shardId)).toEqual(['b']);
    done.add('b').add('c');
    expect(readyShards(shards, (id) => done.has(id))).toEqual([]);
  });

  it('holds a merged shard back until both of its parents are finished (Kinesis MergeShards)', () => {
    const shards: ShardInfo[] = [shard('left', undefined, true), shard('right', undefined, true), { shardId: 'merged', parents: ['left', 'right'], closed: false }];
    const done = new Set(['left']);

    expect(readyShards(shards, (id) => done.has(id)).map((s) => s.shardId)).toEqual(['right']);
    done.add('right');
    expect(readyShards(shards, (id) => done.has(id)).map((s) => s.shardId)).toEqual(['merged']);
  });
});
