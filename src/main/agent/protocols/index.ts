// Picks the adapter for an endpoint's protocol setting.
import { createAutoGlmAdapter, type AutoGlmOptions } from './autoglm';
import { createGenericAdapter, type GenericOptions } from './generic';
import type { ProtocolAdapter, ProtocolId } from './types';
import { createUiTarsAdapter, type UiTarsOptions } from './uitars';

export interface ProtocolOptions { autoglm?: AutoGlmOptions; uitars?: UiTarsOptions; generic?: GenericOptions }

export function createProtocolAdapter(id: ProtocolId, options: ProtocolOptions = {}): ProtocolAdapter {
  switch (id) {
    case 'autoglm': return createAutoGlmAdapter(options.autoglm);
    case 'uitars': return createUiTarsAdapter(options.uitars);
    case 'generic': return createGenericAdapter(options.generic);
  }
}

export type { ProtocolAdapter, ProtocolId, TurnInfo, ParseContext } from './types';
export { ParseError } from './parse-error';
