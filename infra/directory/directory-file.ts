import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ROLES } from '@laurel/domain';
import { InMemoryDirectory, DirectoryError, type DirectoryData } from './directory';
import { isPasswordHash } from './password';

/**
 * A directory file (`LAUREL_DIRECTORY_FILE`) replaces the demo directory. It
 * holds password hashes only (`scrypt$N$r$p$salt$hash`, see password.ts);
 * a plaintext `password` field is refused rather than silently accepted.
 */
const id = z.string().trim().min(1).max(200);
const text = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((s) => s.normalize('NFC'));
const role = z.enum(ROLES);

export const directoryFileSchema = z
  .object({
    provinces: z.array(z.object({ id, name: text }).strict()).min(1),
    blocks: z.array(z.object({ id, name: text, province: id, memberUnitIds: z.array(id).min(1) }).strict()),
    units: z.array(z.object({ id, name: text, province: id, blockId: id.optional() }).strict()),
    users: z.array(
      z
        .object({
          id,
          username: id.optional(),
          displayName: text,
          role,
          province: id.optional(),
          unitId: id.optional(),
          blockId: id.optional(),
          passwordHash: z
            .string()
            .refine(isPasswordHash, 'must be an scrypt hash: scrypt$N$r$p$salt$hash (base64url)')
            .optional(),
        })
        .strict(),
    ),
  })
  .strict();

export function parseDirectory(json: unknown): InMemoryDirectory {
  const parsed = directoryFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DirectoryError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const data: DirectoryData = {
    ...parsed.data,
    users: parsed.data.users.map(({ username, ...user }) => ({ ...user, username: username ?? user.id })),
  };
  return new InMemoryDirectory(data);
}

export async function loadDirectoryFile(path: string): Promise<InMemoryDirectory> {
  const raw = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new DirectoryError([`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return parseDirectory(json);
}
