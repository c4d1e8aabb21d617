// Every workflow the worker registers is exported from here: the bundle's one entry point.
export { nominationWorkflow } from './nomination/nomination.workflow';
export { campaignWorkflow } from './campaign/campaign.workflow';
export { blockSessionWorkflow } from './session/block-session.workflow';
export { decisionListWorkflow } from './session/decision-list.workflow';
export { councilSessionWorkflow } from './session/council-session.workflow';
