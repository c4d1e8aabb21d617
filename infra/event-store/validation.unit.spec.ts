import { InvalidEventError } from './errors';
import { prepareEvents, vouchedBatch } from './validation';
import type { EventToAppend } from './port';

const limits = { maxEventBytes: 1024 };
const event = (id: string): EventToAppend => ({ id, type: 'Thing', data: { n: 1 }, metadata: {} });

describe('prepareEvents validates an append once', () => {
  it('checks a batch it is given directly', () => {
    const bad = [{ ...event('a'), recordedAt: 'yesterday' }] as unknown as EventToAppend[];
    expect(() => prepareEvents('s-1', bad, limits)).toThrow(InvalidEventError);
  });

  it('takes the word of the decorator that validated a batch and vouched for it, but still checks sizes', () => {
    // Not well formed, to show the structural check is not run again; a decorator never vouches for such a batch.
    const vouched = vouchedBatch([{ ...event('a'), recordedAt: 'yesterday' }] as unknown as EventToAppend[]);
    expect(prepareEvents('s-1', vouched, limits)).toHaveLength(1);
    const large = vouchedBatch([{ ...event('b'), data: { text: 'x'.repeat(2000) } }]);
    expect(() => prepareEvents('s-1', large, limits)).toThrow(/1024/);
  });
});
