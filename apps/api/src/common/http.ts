import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * The parts of express's request the API reads, typed here so the API does
 * not depend on express's type package.
 */
export interface ApiRequest extends IncomingMessage {
  body?: unknown;
  user?: AuthenticatedUser;
  readonly ip?: string;
  readonly originalUrl?: string;
  readonly route?: { readonly path?: string };
  readonly params?: Record<string, string>;
  readonly query?: Record<string, unknown>;
  /** When the request arrived (ms since the epoch): its deadline counts from here. */
  arrivedAt?: number;
}

export type ApiResponse = ServerResponse;

export type NextFunction = (error?: unknown) => void;
