// A local stand-in for the parts of Slack's Web API the bot uses, for tests, benchmarks and
// the local mode of `npm start`. See DESIGN.md, "Chat platforms".
export { createManualClock, systemClock, type Clock, type ManualClock } from "./clock.js";
export {
  LOCAL_CONTROL_PREFIX,
  type LocalControlOptions,
  type LocalControlUser,
  type LocalControlView,
  type LocalEphemeralsAnswer,
  type LocalInteractionAnswer,
  type LocalViewsAnswer,
  type LocalMintAnswer,
  type LocalPostsAnswer,
  type LocalUserDetails,
  type LocalUsersAnswer,
} from "./control.js";
export type { Fault, FaultOptions } from "./faults.js";
export { METHOD_RATE_LIMITS, TIER_PER_MINUTE, type MethodRateLimit, type RateLimitOptions, type RateTier } from "./rate-limits.js";
export { createSlackStandIn, DEFAULT_BOT_TOKEN, type SlackStandIn, type SlackStandInOptions } from "./server.js";
export {
  buildBlockActionsPayload,
  buildViewSubmissionPayload,
  InteractionError,
  postInteraction,
  type ClickInput,
  type InteractionOutcome,
  type InteractionTarget,
  type SubmitViewInput,
} from "./interactions.js";
export { buildSlashCommandBody, signSlackRequest, type SlackSignatureHeaders, type SlashCommandInput } from "./sign.js";
export type {
  MessageMetadata,
  StandInCall,
  StandInChannel,
  StandInEphemeral,
  StandInFile,
  StandInMessage,
  StandInResponsePost,
  StandInUser,
  StandInView,
  WorkspaceState,
} from "./state.js";
export {
  RESPONSE_URL_LIFETIME_MS,
  RESPONSE_URL_MAX_USES,
  TRIGGER_LIFETIME_MS,
  type AddChannelInput,
  type AddUserInput,
  type MintedResponseUrl,
  type SeedMessageInput,
  type StandInWorkspace,
  type StoredFile,
} from "./workspace.js";
