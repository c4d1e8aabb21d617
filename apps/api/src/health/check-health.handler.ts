import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Client } from '@temporalio/client';
import { formatPosition } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { ReadModels } from '../projections/read-models';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { CONFIG, PROJECTIONS, STORES, TEMPORAL_CLIENT } from '../tokens';
import { CheckHealthQuery, type ComponentStatus, type HealthReport } from './check-health.query';

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<Record<string, unknown> | undefined>): Promise<ComponentStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    const detail = await Promise.race([check(), timeout]);
    const latencyMs = Math.round(performance.now() - started);
    return detail === undefined ? { status: 'up', latencyMs } : { status: 'up', latencyMs, detail };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    return { status: 'down', latencyMs, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@QueryHandler(CheckHealthQuery)
export class CheckHealthHandler implements IQueryHandler<CheckHealthQuery> {
  constructor(
    @Inject(CONFIG) private readonly config: LaurelConfig,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
  ) {}

  async execute(): Promise<HealthReport> {
    const [temporal, eventStore, projections] = await Promise.all([
      probe(async () => {
        await this.client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          this.client.workflowService.getSystemInfo({}),
        );
        // What this instance uses, so an operator (and `laurel doctor`) can tell which cluster answered.
        return {
          address: this.config.TEMPORAL_ADDRESS,
          namespace: this.config.TEMPORAL_NAMESPACE,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        };
      }),
      probe(async () => ({
        adapter: this.stores.eventStoreKind,
        head: formatPosition(await this.stores.events.headPosition()),
      })),
      probe(async () => {
        const status = await this.readModels.status();
        if (!status.running) throw new Error(status.error ?? 'the projection runner is not running');
        return { position: status.position };
      }),
    ]);
    const ok = [temporal, eventStore, projections].every((c) => c.status === 'up');
    return {
      status: ok ? 'ok' : 'unavailable',
      auth: this.config.AUTH_JWKS_URL ? 'oidc' : 'embedded',
      components: { temporal, eventStore, projections },
    };
  }
}
