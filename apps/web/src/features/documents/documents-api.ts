import { problemFrom, readPosition } from '../../api/client';
import { session } from '../../auth/session';
import { fileNameOf } from '../../lib/download';

function authorised(): Headers {
  const headers = new Headers();
  const { token } = session.get();
  if (token) headers.set('authorization', `Bearer ${token}`);
  // A decision taken a moment ago in this tab is in the list the API reads.
  const position = readPosition();
  if (position) headers.set('x-laurel-position', position);
  return headers;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Downloaded {
  readonly blob: Blob;
  readonly name: string;
  /** The sha256 the server says it sent (X-Laurel-Sha256), and the one of the bytes received. */
  readonly claimed: string | null;
  readonly received: string;
}

async function fetchFile(path: string, init: RequestInit, fallbackName: string): Promise<Downloaded> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw problemFrom(0, null);
  }
  if (!response.ok) throw problemFrom(response.status, await response.json().catch(() => null));
  const blob = await response.blob();
  const name = fileNameOf(response, fallbackName);
  return { blob, name, claimed: response.headers.get('x-laurel-sha256'), received: await sha256Hex(blob) };
}

/** An issued file, byte for byte as its sha256 was recorded. */
export function downloadDocument(href: string, format: 'pdf' | 'docx'): Promise<Downloaded> {
  return fetchFile(href, { headers: authorised() }, `document.${format}`);
}

export interface PrintRequest {
  readonly decisionNumber?: string;
  readonly nominationId?: string;
  readonly formId?: string;
  readonly calibration?: boolean;
}

export async function printCertificates(body: PrintRequest): Promise<Downloaded> {
  const headers = authorised();
  headers.set('content-type', 'application/json');
  headers.set('accept', 'application/pdf');
  return fetchFile('/certificates/print', { method: 'POST', headers, body: JSON.stringify(body) }, 'certificates.pdf');
}
