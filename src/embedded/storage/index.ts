export { DATABASE_FILE, openDataDir, type DataDir } from './data-dir';
