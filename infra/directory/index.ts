export * from './directory';
export * from './password';
export { demoDirectoryData, seedDemoDirectory, DEMO_PASSWORD_DEFAULT } from './demo-directory';
export { directoryFileSchema, loadDirectoryFile, parseDirectory } from './directory-file';
export { openDirectory } from './open-directory';
