import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ApiRequest } from '../common/http';

/**
 * Login attempts are counted per client address *and* username, so guessing
 * one account's password is slowed without locking out a shared office NAT.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as ApiRequest;
    const body = request.body;
    const username =
      typeof body === 'object' && body !== null && typeof (body as { username?: unknown }).username === 'string'
        ? (body as { username: string }).username.normalize('NFC').trim().toLowerCase().slice(0, 200)
        : '';
    return `${request.ip ?? request.socket.remoteAddress ?? 'unknown'}|${username}`;
  }
}
