// Production workflow bundle: the worker loads dist/workflow-bundle.js through
// `workflowBundle: { codePath }` instead of bundling at start-up.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { withoutSourceTexts, workflowWebpackConfigHook } from '../apps/worker/src/workflow-webpack';

const root = join(__dirname, '..');
const workflowsPath = join(root, 'workflows', 'index.ts');
const outFile = join(root, 'dist', 'workflow-bundle.js');

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath, webpackConfigHook: workflowWebpackConfigHook });
  await mkdir(dirname(outFile), { recursive: true });
  const trimmed = withoutSourceTexts(code);
  await writeFile(outFile, trimmed);
  console.log(`Workflow bundle written to ${outFile} (${(trimmed.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error: unknown) => {
  console.error('Bundling workflows failed:', error);
  process.exit(1);
});
