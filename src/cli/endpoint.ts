import type { Command } from 'commander';
import { isEndpointConfigured, loadConnectionConfig, type ConnectionConfig } from '../neptune/config';
import { CONNECTION_SETTINGS } from '../neptune/settings';
import { SettingError } from '../settings';
import { settingOptionsFrom } from './options';

/** The endpoint from the connection flags and environment; a missing or wrong one is a usage error. */
export function configFrom(command: Command, flags: object): ConnectionConfig {
  const connection = settingOptionsFrom(flags, CONNECTION_SETTINGS);
  if (!isEndpointConfigured(process.env, connection)) {
    command.error('error: no Gremlin endpoint configured: set --gremlin-endpoint or --neptune-endpoint (or GREMLIN_ENDPOINT / NEPTUNE_ENDPOINT)');
  }
  try {
    return loadConnectionConfig(process.env, connection);
  } catch (err) {
    if (err instanceof SettingError) command.error(`error: ${err.message}`);
    throw err;
  }
}
