// Handler payload types of the agent requests, as the router hands them over (validated).
import type { z } from 'zod';
import type { agentRequests } from '../../../shared/contract/agent';

type AgentRequests = typeof agentRequests;
export type AgentRequestPayload<N extends keyof AgentRequests> = z.output<AgentRequests[N]['payload']>;
