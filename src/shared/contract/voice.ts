// The voice domain's requests and events live with the rest of the voice code
// (src/shared/voice/contract.ts); this file gives them a place among the contract's domains.
export { voiceEvents, voiceRequests, TranscriptWire, VoiceStatusWire, ModelStateWire, ModelProgressWire } from '../voice/contract';
