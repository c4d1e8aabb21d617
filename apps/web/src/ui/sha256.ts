/** Lower-case hex SHA-256 of a file's bytes, computed in the browser (Web Crypto); the file never leaves the machine. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
