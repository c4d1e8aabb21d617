// Proves the two Temporal servers the test suites rely on: the time-skipping
// test server (timers) and the shared dev server from the jest global setup
// (updates, search attributes, visibility).
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection } from '@temporalio/worker';
import { CampaignYear, NominationStage } from '@laurel/workflows/nomination/search-attributes';
import { createTimeSkippingEnv } from '../support/temporal-time-skipping';
import { connectToTestServer, createTestWorker, temporalTestAddress, uniqueTaskQueue } from '../support/worker';
import { finish, moveToStage, sleepThreeDays, stageTracker } from './fixtures/workflows';

const workflowsPath = require.resolve('./fixtures/workflows');
const threeDaysMs = 3 * 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a three-day sleep without waiting three days', async () => {
    const taskQueue = uniqueTaskQueue('time-skipping');
    const worker = await createTestWorker({ connection: env.nativeConnection, taskQueue, workflowsPath });

    const wallStart = Date.now();
    const workflowElapsedMs = await worker.runUntil(
      env.client.workflow.execute(sleepThreeDays, { taskQueue, workflowId: `sleep-${randomUUID()}` }),
    );

    expect(workflowElapsedMs).toBeGreaterThanOrEqual(threeDaysMs);
    expect(Date.now() - wallStart).toBeLessThan(15_000);
  });
});

describe('shared dev server (jest global setup)', () => {
  let env: TestWorkflowEnvironment;
  let connection: NativeConnection;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: temporalTestAddress() });
    connection = await connectToTestServer();
  });

  afterAll(async () => {
    await connection?.close();
    await env?.teardown();
  });

  it('accepts updates and finds the workflow by an upserted search attribute', async () => {
    const taskQueue = uniqueTaskQueue('dev-server');
    const workflowId = `stage-tracker-${randomUUID()}`;
    const worker = await createTestWorker({ connection, taskQueue, workflowsPath });

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(stageTracker, {
        taskQueue,
        workflowId,
        typedSearchAttributes: [
          { key: NominationStage, value: 'UnitProposal' },
          { key: CampaignYear, value: 2026 },
        ],
      });

      await expect(handle.executeUpdate(moveToStage, { args: ['Nowhere'] })).rejects.toBeInstanceOf(
        WorkflowUpdateFailedError,
      );
      await expect(handle.executeUpdate(moveToStage, { args: ['BlockVote'] })).resolves.toBe('BlockVote');

      // Visibility is eventually consistent: poll briefly.
      const query = `NominationStage="BlockVote" AND CampaignYear=2026 AND WorkflowId="${workflowId}"`;
      const found = await pollUntil(async () => {
        const ids: string[] = [];
        for await (const execution of env.client.workflow.list({ query })) ids.push(execution.workflowId);
        return ids.length > 0 ? ids : undefined;
      });
      expect(found).toEqual([workflowId]);

      await handle.executeUpdate(finish);
      await expect(handle.result()).resolves.toBe('BlockVote');
    });
  });
});

async function pollUntil<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
