/**
 * The command line of `npm run serve` (and `npm start`): one table of options, from which the parser,
 * the usage line and `--help` are all made. Bad input is one line in plain words, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { defaultCacheBudgetBytes } from '../cache/edge-cache.ts';

interface OptionRow {
  name: string;
  type: 'string' | 'boolean';
  /** The placeholder shown in the usage (string options). */
  value?: string;
  /** What --help shows as the default. */
  defaultText: string;
  description: string;
}

export const optionTable: readonly OptionRow[] = [
  {
    name: 'cdk-out',
    type: 'string',
    value: '<dir>',
    defaultText: 'required; npm start passes infra/cdk.out',
    description: 'the synthesized CDK app (cloud assembly) to serve',
  },
  {
    name: 'stack',
    type: 'string',
    value: '<name>',
    defaultText: 'the first stack with a distribution',
    description: 'the stack holding the CloudFront distribution',
  },
  {
    name: 'port',
    type: 'string',
    value: '<n>',
    defaultText: 'PORT from the environment, else 3000',
    description: 'the port to listen on, 0 to 65535; 0 picks a free one',
  },
  {
    name: 'host',
    type: 'string',
    value: '<address>',
    defaultText: '127.0.0.1',
    description: 'the address to listen on',
  },
  {
    name: 'strict',
    type: 'boolean',
    defaultText: 'off',
    description: 'legacy Lambda@Edge viewer limits: 128 MB and 5 s for viewer functions',
  },
  {
    name: 'trace',
    type: 'boolean',
    defaultText: 'off',
    description: "log each function's input and output",
  },
  {
    name: 'country',
    type: 'string',
    value: '<CC>',
    defaultText: 'none, so no CloudFront-Viewer-Country header',
    description: 'the viewer country for CloudFront-Viewer-Country, e.g. DE',
  },
  {
    name: 'no-watch',
    type: 'boolean',
    defaultText: 'off: cdk.out is watched',
    description: 'do not reload when cdk.out is synthesized again',
  },
  {
    name: 'cache-mb',
    type: 'string',
    value: '<MB>',
    defaultText: `${defaultCacheBudgetBytes / 1024 / 1024}`,
    description: "the edge cache's byte budget in MB; least recently used entries are evicted beyond it",
  },
  {
    name: 'log-dir',
    type: 'string',
    value: '<dir>',
    defaultText: 'none: no log files',
    description: 'write CloudFront standard log files (gzip, CloudFront format) to this folder',
  },
  { name: 'help', type: 'boolean', defaultText: 'off', description: 'print this help and exit' },
];

export const usage = `usage: npm run serve -- ${optionTable
  .filter((row) => row.name !== 'help')
  .map((row) => {
    const option = `--${row.name}${row.value ? ` ${row.value}` : ''}`;
    return row.name === 'cdk-out' ? option : `[${option}]`;
  })
  .join(' ')}`;

export function helpText(): string {
  const width = Math.max(...optionTable.map((row) => `--${row.name} ${row.value ?? ''}`.length));
  const lines = optionTable.map((row) => {
    const option = `--${row.name} ${row.value ?? ''}`.padEnd(width);
    return `  ${option}  ${row.description} (default: ${row.defaultText})`;
  });
  return ["Serves a synthesized CDK app's CloudFront distribution on localhost.", usage, '', ...lines].join(
    '\n',
  );
}

export interface CliOptions {
  cdkOut: string;
  stack?: string;
  port: number;
  host: string;
  strict: boolean;
  trace: boolean;
  country?: string;
  watch: boolean;
  cacheBudgetBytes: number;
  logDir?: string;
}

export type ParsedCli =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** A port as a person typed it: a whole number from 0 to 65535, or why not. */
export function parsePort(text: string, setting: string): number | string {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  return `${setting} must be a whole number from 0 to 65535, not "${text}"`;
}

/** The one-line explanation of a node:util parseArgs error, in plain words. */
function explain(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]*)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(message ?? '')
        ? `${option ?? 'an option'} needs a value`
        : `${option ?? 'an option'} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(message ?? '')?.[1] ?? ''}: every setting is an --option`.trim();
    default:
      return message ?? String(error);
  }
}

export function parseCli(args: string[], env: Record<string, string | undefined>): ParsedCli {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(optionTable.map((row) => [row.name, { type: row.type }]));
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { kind: 'error', message: explain(error) };
  }
  if (values.help) return { kind: 'help' };
  const cdkOut = values['cdk-out'];
  if (typeof cdkOut !== 'string' || cdkOut === '') {
    return { kind: 'error', message: '--cdk-out <dir> is required: the synthesized CDK app to serve' };
  }
  const portText = values.port ?? env.PORT;
  const port = typeof portText === 'string' ? parsePort(portText, values.port ? '--port' : 'PORT') : 3000;
  if (typeof port === 'string') return { kind: 'error', message: port };
  const cacheMb = typeof values['cache-mb'] === 'string' ? Number(values['cache-mb']) : undefined;
  if (cacheMb !== undefined && !(Number.isFinite(cacheMb) && cacheMb > 0)) {
    return {
      kind: 'error',
      message: `--cache-mb must be a positive number of MB, not "${values['cache-mb']}"`,
    };
  }
  return {
    kind: 'run',
    options: {
      cdkOut,
      stack: values.stack as string | undefined,
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      strict: values.strict === true,
      trace: values.trace === true,
      country: values.country as string | undefined,
      watch: values['no-watch'] !== true,
      cacheBudgetBytes: cacheMb === undefined ? defaultCacheBudgetBytes : Math.round(cacheMb * 1024 * 1024),
      logDir: values['log-dir'] as string | undefined,
    },
  };
}

/**
 * What to say when the port is taken: the setting to change depends on the command that was run (npm
 * tells us which script it is running).
 */
export function portInUseMessage(port: number, args: string[], script: string | undefined): string {
  const byFlag = args.some((arg) => arg === '--port' || arg.startsWith('--port='));
  const change =
    !byFlag && script === 'start'
      ? `set PORT to a free port (PORT=${port + 1} npm start)`
      : byFlag || script === 'serve'
        ? `pass --port with a free port (npm run serve -- --port ${port + 1} ...)`
        : 'set PORT (npm start) or pass --port (npm run serve) to a free port';
  return `port ${port} is already in use: ${change}`;
}
