import { formatDate, formatDateTime, provinceDay, workingDaysUntil } from './time';

// The browser's own zone must not matter: these run in whatever zone the test process has.
describe('dates in Vietnam time', () => {
  it('formats an instant as dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(formatDateTime('2025-03-13T17:30:00.000Z')).toBe('14/03/2025 00:30');
    expect(formatDate('2025-03-13T17:30:00.000Z')).toBe('14/03/2025');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('takes the calendar day in the province, not in UTC', () => {
    expect(provinceDay('2025-12-31T18:00:00.000Z')).toBe('2026-01-01');
  });

  it('counts working days left: weekends and the given holidays skipped, negative when overdue', () => {
    const friday = new Date('2025-03-14T02:00:00.000Z');
    // Friday → next Monday: one working day; → next Friday: five.
    expect(workingDaysUntil('2025-03-17T09:00:00.000Z', friday)).toBe(1);
    expect(workingDaysUntil('2025-03-21T09:00:00.000Z', friday)).toBe(5);
    expect(workingDaysUntil('2025-03-14T09:00:00.000Z', friday)).toBe(0);
    expect(workingDaysUntil('2025-03-17T09:00:00.000Z', friday, new Set(['2025-03-17']))).toBe(0);
    expect(workingDaysUntil('2025-03-12T09:00:00.000Z', friday)).toBe(-2);
  });
});
