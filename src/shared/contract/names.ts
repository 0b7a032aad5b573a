// The contract's request and event names as plain data, for the sandboxed preload, which must
// not bundle the schemas. index.ts checks at compile time that these lists match the contract.
export const REQUEST_NAMES = [
  'app.info',
  'diagnostics.streamProbe',
  'settings.get',
  'settings.update',
  'endpoints.save',
  'endpoints.remove',
  'endpoints.test',
  'doctor.run',
] as const;

export const EVENT_NAMES = ['app.notice', 'settings.changed'] as const;
