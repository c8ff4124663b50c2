// The contract between the sync server and its clients: room URLs, tokens, protocol constants, health.
export { decodeBase64Url, encodeBase64Url } from './base64url.js';
export { backendsHealthSchema, healthSchema, type BackendsHealth, type BackendState, type Health } from './health.js';
export {
  authMessageType, closeCodes, describeClose, describeCloseCode, messageType, syncFrame, syncMessageType, tokenRevokedReason, upgradeRefusalStatus, viewerDeniedReason,
  type CloseCode,
} from './protocol.js';
export { parseRoomPath, roomKey, roomSegmentPattern, roomSegmentSchema, roomUrl, RoomPathError, type RoomAddress } from './room.js';
export {
  checkTokenClaims, decodeTokenPayload, encodeSignedPart, maxTokenLength, parsePayloadPart, splitToken, TokenFormatError,
  tokenPayloadSchema, tokenRoles, tokenVersion, type TokenParts, type TokenPayload, type TokenRefusal, type TokenRole,
} from './token.js';
export { splitDocumentDifference, splitDocumentDifferenceInSteps, splitStructs, splitUpdate, splitUpdateInSteps, UpdateSplitError, type ClientStructs, type DeletedRange, type UpdateSplitProblem } from './update-parts.js';
