import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import request from 'supertest';
import type { PolicyRegistry, Role } from '@laurel/domain';
import { loadConfig, type LaurelConfig } from '@laurel/infra/config/config';
import {
  demoDirectoryData,
  hashPassword,
  InMemoryDirectory,
  seedDemoDirectory,
  type DirectoryData,
} from '@laurel/infra/directory';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { openStores, type Stores } from '@laurel/infra/runtime/stores';
import { AesGcmPayloadCodec, dataConverterWith } from '@laurel/infra/temporal/payload-codec';
import { actionSigningInterceptor } from '@laurel/infra/temporal/action-signing';
import { testActionSigner, testActionSigningKey } from './action-keys';
import { nominationStreamName, nominationWorkflowId, stateQuery } from '@laurel/workflows/nomination/messages';
import type { RunningWorker } from '../../apps/worker/src/nomination-worker';
import type { ApiOptions } from '../../apps/api/src/api-options';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ApiMetrics } from '../../apps/api/src/metrics/api-metrics';
import type { ReadModels } from '../../apps/api/src/projections/read-models';
import { startReadModels, type RunningReadModels } from '../../apps/api/src/projections/start-read-models';
import { startNominationWorker } from './nomination-harness';
import { createTestDatabase, databaseUrlFrom, holdTransaction, probePostgresSync, type TestDatabase } from './postgres';
import { connectToTestServer, temporalTestAddress, uniqueTaskQueue } from './worker';

/** The demo directory's Ninh Thuận Party agencies block: the case every e2e test runs. */
export const NT = {
  province: 'ninh-thuan',
  block: 'nt-party-agencies',
  proposingUnit: 'nt-party-office',
  officer: 'nt-officer-party-office',
  head: 'nt-head-party-office',
  leader: 'nt-leader-party-agencies',
  /** Heads of the other seven member units: the eligible voters. */
  voters: [
    'nt-head-propaganda',
    'nt-head-inspection',
    'nt-head-organisation',
    'nt-head-mass-mobilisation',
    'nt-head-newspaper',
    'nt-head-internal-affairs',
    'nt-head-political-school',
  ],
  board: 'nt-board-officer',
  /** Council members who may give an opinion on a Party Committee Office nomination. */
  council: [
    'nt-council-home-affairs',
    'nt-council-ppc-office',
    'nt-council-finance',
    'nt-council-labour',
    'nt-council-front',
  ],
  /** The council member from the Party Committee Office: recused for its nominations. */
  recusedCouncillor: 'nt-council-party-office',
  chairman: 'nt-chairman',
  auditor: 'nt-auditor',
} as const;

export const ADMIN = 'admin';

/** A nomination body the national rules accept: two consecutive grassroots titles, the three base documents. */
export function draftBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const year = new Date().getUTCFullYear() - 1;
  return {
    nominee: {
      kind: 'individual',
      name: 'Nguyễn Thị Hương',
      personId: `person-${randomUUID()}`,
      position: 'Chuyên viên',
    },
    awardType: 'ProvincialCertificateOfMerit',
    campaignYear: year,
    achievements: 'Hoàn thành xuất sắc nhiệm vụ hai năm liền; chủ trì số hoá hồ sơ lưu trữ.',
    record: {
      titles: [
        { year: year - 1, title: 'GrassrootsEmulationFighter' },
        { year, title: 'GrassrootsEmulationFighter' },
      ],
      ratings: [
        { year: year - 1, rating: 'Excellent' },
        { year, rating: 'Excellent' },
      ],
      initiatives: [],
    },
    evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map((kind, i) => ({
      documentId: `doc-${randomUUID()}`,
      title: `Hồ sơ số ${i + 1}`,
      kind,
      sizeBytes: 4096 + i,
      sha256: randomBytes(32).toString('hex'),
    })),
    ...overrides,
  };
}

export function evidence(kind = 'other'): Record<string, unknown> {
  return {
    documentId: `doc-${randomUUID()}`,
    title: 'Tài liệu bổ sung',
    kind,
    sizeBytes: 2048,
    sha256: randomBytes(32).toString('hex'),
  };
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: Record<string, unknown> };
}

export interface ActionBody {
  readonly nominationId: string;
  readonly stage: string;
  readonly outcome?: string;
  readonly version: number;
  readonly position: string;
  readonly eventTypes: readonly string[];
}

/**
 * The whole system over real HTTP: a fresh PostgreSQL database (or in-memory
 * PGlite where no PostgreSQL answers and CI is not set), the real worker on a
 * task queue of its own on the shared dev server, the projection runner, and
 * the Nest app listening on a free port. Tokens come from POST /auth/token.
 */
export class ApiHarness {
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly config: LaurelConfig,
    readonly stores: Stores,
    readonly directory: InMemoryDirectory,
    readonly client: Client,
    readonly metrics: ApiMetrics,
    readonly password: string,
    private readonly parts: {
      readonly database: TestDatabase | undefined;
      readonly pglite: PgliteSqlClient | undefined;
      readonly dataDir: string;
      readonly clientConnection: Connection;
      readonly workerConnection: NativeConnection;
      readonly worker: RunningWorker;
      readonly readModels: RunningReadModels;
    },
  ) {}

  /** `payloadCodec`: the worker and the API's client encrypt payloads, as a deployment does by default. */
  /**
   * `policies`: the rule sets the API resolves (the defaults when left out);
   * `directory`: changes the demo directory before it is built, e.g. to add a block.
   */
  static async start(
    env: Record<string, string> = {},
    options: {
      payloadCodec?: AesGcmPayloadCodec;
      apiOptions?: Partial<ApiOptions>;
      policies?: PolicyRegistry;
      directory?: (data: DirectoryData) => DirectoryData;
    } = {},
  ): Promise<ApiHarness> {
    const database = await testDatabase();
    const pglite = database ? undefined : await PgliteSqlClient.open('memory://');
    const dataDir = await mkdtemp(join(tmpdir(), 'laurel-api-'));
    // A fresh password and key per run: nothing secret is written in the repository.
    const password = randomBytes(12).toString('base64url');
    const config = loadConfig({
      TEMPORAL_ADDRESS: temporalTestAddress(),
      TEMPORAL_TASK_QUEUE: uniqueTaskQueue('api'),
      LAUREL_DATA_DIR: dataDir,
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      LAUREL_DEMO_PASSWORD: password,
      ACTION_SIGNING_KEY: testActionSigningKey,
      LOG_LEVEL: process.env['LAUREL_TEST_LOG_LEVEL'] ?? 'silent',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...env,
    });
    const stores = await openStores(config, pglite);
    const directory = options.directory
      ? await directoryWithPassword(options.directory(demoDirectoryData()), password)
      : await seedDemoDirectory(password);
    const workerConnection = await connectToTestServer();
    const worker = await startNominationWorker({
      connection: workerConnection,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      stores,
      ...(options.payloadCodec ? { setup: { payloadCodec: options.payloadCodec } } : {}),
    });
    const metrics = new ApiMetrics();
    const readModels = await startReadModels(config, stores, metrics);
    const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const client = new Client({
      connection: clientConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      dataConverter: dataConverterWith(options.payloadCodec ?? null),
      interceptors: { workflow: [actionSigningInterceptor(testActionSigner)] },
    });
    const app = await createApiApp({
      config,
      stores,
      temporal: client,
      directory,
      readModels: readModels.readModels,
      metrics,
      ...(options.policies ? { policies: options.policies } : {}),
      ...(options.apiOptions ? { options: options.apiOptions } : {}),
    });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new ApiHarness(app, `http://127.0.0.1:${port}`, config, stores, directory, client, metrics, password, {
      database,
      pglite,
      dataDir,
      clientConnection,
      workerConnection,
      worker,
      readModels,
    });
  }

  /** The read side the app serves from (shared with any extra app a test starts). */
  get readModels(): ReadModels {
    return this.parts.readModels.readModels;
  }

  /** supertest against the listening server: real HTTP, real sockets. */
  http(): ReturnType<typeof request> {
    return request(this.baseUrl);
  }

  /** Logs in through POST /auth/token (once per user per harness) and returns the bearer token. */
  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const response = await this.http().post('/auth/token').send({ username, password: this.password });
    if (response.status !== 200) {
      throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    const token = (response.body as { access_token: string }).access_token;
    this.tokens.set(username, token);
    return token;
  }

  async authHeader(username: string): Promise<{ Authorization: string }> {
    return { Authorization: `Bearer ${await this.token(username)}` };
  }

  /** POST as a user; resolves to the raw response for status and body checks. */
  async post(username: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const call = this.http()
      .post(path)
      .set(await this.authHeader(username))
      .set(headers);
    return body === undefined ? call : call.send(body as object);
  }

  async get(username: string, path: string, headers: Record<string, string> = {}) {
    return this.http()
      .get(path)
      .set(await this.authHeader(username))
      .set(headers);
  }

  /** POST that must succeed with `status`; returns the ActionResult. */
  async act(username: string, path: string, body?: unknown, status = 200): Promise<ActionBody> {
    const response = await this.post(username, path, body);
    if (response.status !== status) {
      throw new Error(
        `${username} POST ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body as ActionBody;
  }

  /** Drafts as the Party Committee Office's officer; returns the new nomination's ActionResult. */
  async draft(overrides: Record<string, unknown> = {}, officer: string = NT.officer): Promise<ActionBody> {
    return this.act(officer, '/nominations', draftBody(overrides), 201);
  }

  /** Drafted and submitted: waiting for the block vote. */
  async submitted(overrides: Record<string, unknown> = {}): Promise<ActionBody> {
    const { nominationId } = await this.draft(overrides);
    return this.act(NT.head, `/nominations/${nominationId}/submit`);
  }

  /** Through the block vote (five approvals, then the leader closes it): waiting for the council. */
  async inCouncilReview(overrides: Record<string, unknown> = {}): Promise<ActionBody> {
    const { nominationId } = await this.submitted(overrides);
    for (const voter of NT.voters.slice(0, 5)) {
      await this.act(voter, `/nominations/${nominationId}/votes`, { choice: 'approve' });
    }
    return this.act(NT.leader, `/nominations/${nominationId}/block-vote/close`);
  }

  /** Through the council (every non-recused member approves): waiting for the chairman. */
  async awaitingDecision(overrides: Record<string, unknown> = {}): Promise<ActionBody> {
    const { nominationId } = await this.inCouncilReview(overrides);
    let last: ActionBody | undefined;
    for (const member of NT.council) {
      last = await this.act(member, `/nominations/${nominationId}/council-opinions`, { recommendation: 'approve' });
    }
    return last!;
  }

  /**
   * A transaction of another process, begun and not yet ended, on the store's
   * PostgreSQL database: whole-log reads hold back what is appended after it
   * until it is released. Undefined on PGlite, which runs one transaction at a time.
   */
  async holdStoreTransaction(): Promise<{ release(): Promise<void> } | undefined> {
    const { database } = this.parts;
    return database ? holdTransaction(database.url) : undefined;
  }

  async streamVersion(nominationId: string): Promise<number> {
    return this.stores.events.streamVersion(nominationStreamName(nominationId));
  }

  async stream(nominationId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.stores.events.readStream(nominationStreamName(nominationId))) events.push(event);
    return events;
  }

  /** The workflow's own view, past the API. */
  async workflowStage(nominationId: string): Promise<string> {
    const state = await this.client.workflow.getHandle(nominationWorkflowId(nominationId)).query(stateQuery);
    return state.stage;
  }

  usersWithRole(role: Role): string[] {
    return this.directory
      .users()
      .filter((u) => u.role === role)
      .map((u) => u.id);
  }

  async stop(): Promise<void> {
    const { database, pglite, dataDir, clientConnection, workerConnection, worker, readModels } = this.parts;
    await this.app.close();
    await readModels.stop();
    await worker.shutdown();
    await clientConnection.close();
    await workerConnection.close();
    await this.stores.close();
    await pglite?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A directory built from `data`, every user's password set to `password`. */
async function directoryWithPassword(data: DirectoryData, password: string): Promise<InMemoryDirectory> {
  const users = await Promise.all(data.users.map(async (u) => ({ ...u, passwordHash: await hashPassword(password) })));
  return new InMemoryDirectory({ ...data, users });
}

/** A fresh PostgreSQL database when one answers; with CI=true it must. Otherwise PGlite, and the reason is printed. */
async function testDatabase(): Promise<TestDatabase | undefined> {
  const url = databaseUrlFrom(process.env);
  const probe = probePostgresSync(url);
  if (probe.reachable) return createTestDatabase(url, 'laurel_e2e');
  if (process.env['CI'] === 'true') throw new Error(`PostgreSQL must be reachable in CI: ${probe.reason}`);
  console.warn(`PostgreSQL not reachable (${probe.reason}); the e2e tests run on in-memory PGlite instead`);
  return undefined;
}

/** Expects an error response: the status, the one error shape, and the code. */
export function expectError(
  response: { status: number; body: unknown },
  status: number,
  code?: string,
): ErrorBody['error'] {
  const body = response.body as Partial<ErrorBody>;
  const summary = `${response.status} ${JSON.stringify(response.body)}`;
  if (response.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${summary}`);
  const error = body.error;
  if (
    !error ||
    typeof error.code !== 'string' ||
    typeof error.message !== 'string' ||
    typeof error.details !== 'object' ||
    error.details === null
  ) {
    throw new Error(`not the API's error shape: ${summary}`);
  }
  if (code !== undefined && error.code !== code) throw new Error(`expected code ${code}, got ${summary}`);
  return error;
}
