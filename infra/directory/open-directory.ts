import type { LaurelConfig } from '../config/config';
import { seedDemoDirectory } from './demo-directory';
import type { Directory } from './directory';
import { loadDirectoryFile } from './directory-file';

/** The directory an app runs with: the JSON file of LAUREL_DIRECTORY_FILE, else the demo one with LAUREL_DEMO_PASSWORD. */
export async function openDirectory(config: LaurelConfig): Promise<{ directory: Directory; source: string }> {
  if (config.LAUREL_DIRECTORY_FILE) {
    return { directory: await loadDirectoryFile(config.LAUREL_DIRECTORY_FILE), source: config.LAUREL_DIRECTORY_FILE };
  }
  return { directory: await seedDemoDirectory(config.LAUREL_DEMO_PASSWORD), source: 'demo' };
}
